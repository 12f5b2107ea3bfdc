package dev.errorcontract.test.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ApiException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A REST client reads at most max-body-bytes of an error body: a 4 MiB body is cut before parsing, and neither the raw
 * body, the detail nor the exception's message grows with it. A long detail in a small body is capped too.
 */
public class ErrorBodyIsReadUpToMaxBodyBytesTest {

    static final int FOUR_MIB = 4 * 1024 * 1024;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Upstream.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.upstream.url", "http://localhost:${quarkus.http.port}");

    @Inject
    @RestClient
    Client client;

    @Test
    void aHugeBodyIsCutAtMaxBodyBytes() {
        ApiException error = assertThrows(ApiException.class, () -> client.huge());
        assertEquals(500, error.status());
        assertEquals("internal_error", error.code(), "the cut body is no JSON: the status decides");
        assertEquals(8192, error.rawBody().length());
        assertTrue(error.getMessage().length() < 3000, "message of " + error.getMessage().length() + " chars");
        assertNull(error.error().detail());
    }

    @Test
    void aLongDetailIsCapped() {
        ApiException error = assertThrows(ApiException.class, () -> client.longDetail());
        assertEquals("boom", error.code());
        assertEquals(2000, error.error().detail().length());
        assertTrue(error.error().detail().endsWith("\u2026"));
        assertTrue(error.getMessage().length() < 2100, "message of " + error.getMessage().length() + " chars");
    }

    @Path("/upstream")
    public static class Upstream {
        @GET
        @Path("/huge")
        public Response huge() {
            return Response.serverError().type(MediaType.APPLICATION_JSON)
                    .entity("{\"code\":\"boom\",\"detail\":\"" + "x".repeat(FOUR_MIB) + "\"}").build();
        }

        @GET
        @Path("/long-detail")
        public Response longDetail() {
            return Response.serverError().type(MediaType.APPLICATION_JSON)
                    .entity("{\"code\":\"boom\",\"detail\":\"" + "y".repeat(6000) + "\"}").build();
        }
    }

    @RegisterRestClient(configKey = "upstream")
    @Path("/upstream")
    public interface Client {
        @GET
        @Path("/huge")
        String huge();

        @GET
        @Path("/long-detail")
        String longDetail();
    }
}
