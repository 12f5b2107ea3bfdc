package dev.errorcontract.test.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** With {@code retry-read-timeouts=false}, not even a GET is retried after a read timeout. */
public class ReadTimeoutsNotRetriedWhenTurnedOffTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingUpstream.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.upstream.url", "http://localhost:${quarkus.http.port}")
            .overrideConfigKey("quarkus.rest-client.upstream.read-timeout", "1000")
            .overrideConfigKey("quarkus.error-contract.client.retry-read-timeouts", "false");

    @Inject
    @RestClient
    Client client;

    @Test
    void getIsNotRetriedAfterAReadTimeout() {
        String caller = UUID.randomUUID().toString();
        assertThrows(ProcessingException.class, () -> client.get("slow", caller, 1));
        assertEquals(1, RecordingUpstream.keys(caller).size());
    }

    @RegisterRestClient(configKey = "upstream")
    @Path("/upstream")
    public interface Client {
        @GET
        @Path("/{scenario}")
        @Retry(maxRetries = 2)
        String get(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures);
    }
}
