package dev.errorcontract.test.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ApiException;
import io.quarkus.test.QuarkusUnitTest;

/** {@code @Retry} on the REST client interface builds and follows the contract on every method, as on a method. */
public class RetryOnTheInterfaceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingUpstream.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.upstream.url", "http://localhost:${quarkus.http.port}");

    @Inject
    @RestClient
    Client client;

    @Test
    void getIsRetriedByTheContract() {
        String caller = UUID.randomUUID().toString();
        client.get("unavailable", caller, 2);
        assertEquals(3, RecordingUpstream.keys(caller).size());
    }

    @Test
    void postGetsOneKeyAndIsRetried() {
        String caller = UUID.randomUUID().toString();
        client.create("broken", caller, 1, "{}");
        assertEquals(2, RecordingUpstream.keys(caller).size());
        assertEquals(1, RecordingUpstream.distinctKeys(caller).size());
        assertNotEquals("-", RecordingUpstream.keys(caller).get(0));
    }

    @Test
    void theInterfacesMaxRetriesHolds() {
        String caller = UUID.randomUUID().toString();
        assertThrows(ApiException.Unavailable.class, () -> client.get("unavailable", caller, 10));
        assertEquals(3, RecordingUpstream.keys(caller).size(), "maxRetries = 2 of the interface");
    }

    @RegisterRestClient(configKey = "upstream")
    @Path("/upstream")
    @Retry(maxRetries = 2)
    public interface Client {
        @GET
        @Path("/{scenario}")
        String get(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures);

        @POST
        @Path("/{scenario}")
        String create(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures, String body);
    }
}
