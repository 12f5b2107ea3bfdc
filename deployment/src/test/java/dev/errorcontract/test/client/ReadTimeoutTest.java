package dev.errorcontract.test.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.UpstreamUnreachableException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A read timeout retries an idempotent request (a GET, a POST with its Idempotency-Key); a connection that cannot be
 * made is retried too and arrives as a ProcessingException.
 */
public class ReadTimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingUpstream.class, Client.class, Nowhere.class))
            .overrideConfigKey("quarkus.rest-client.upstream.url", "http://localhost:${quarkus.http.port}")
            .overrideConfigKey("quarkus.rest-client.upstream.read-timeout", "1000")
            // a port nothing listens on: the test's own port, closed once the test is over, is not one
            .overrideConfigKey("quarkus.rest-client.nowhere.url", "http://localhost:1")
            .overrideConfigKey("quarkus.error-contract.client.retry-budget.enabled", "false");

    @Inject
    @RestClient
    Client client;

    @Inject
    @RestClient
    Nowhere nowhere;

    @Test
    void getIsRetriedAfterAReadTimeout() {
        String caller = UUID.randomUUID().toString();
        client.get("slow", caller, 1);
        assertEquals(2, RecordingUpstream.keys(caller).size());
    }

    @Test
    void postWithItsKeyIsRetriedAfterAReadTimeout() {
        String caller = UUID.randomUUID().toString();
        client.create("slow", caller, 1, "{}");
        assertEquals(2, RecordingUpstream.keys(caller).size());
        assertEquals(1, RecordingUpstream.distinctKeys(caller).size());
    }

    @Test
    void aTimeoutThatLastsArrivesAsProcessingException() {
        String caller = UUID.randomUUID().toString();
        ProcessingException failure = assertThrows(ProcessingException.class, () -> client.get("slow", caller, 10));
        UpstreamUnreachableException unreachable = assertInstanceOf(UpstreamUnreachableException.class, failure);
        assertEquals(UpstreamUnreachableException.Kind.READ_TIMEOUT, unreachable.kind());
        assertEquals(Client.class.getName(), unreachable.client());
        assertEquals(3, RecordingUpstream.keys(caller).size(), "maxRetries = 2");
    }

    @Test
    void completionStageGetIsRetriedAfterAReadTimeout() throws Exception {
        String caller = UUID.randomUUID().toString();
        client.getAsync("slow", caller, 1).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(2, RecordingUpstream.keys(caller).size());
    }

    @Test
    void aConnectionNeverMadeIsRetriedAndArrivesAsProcessingException() {
        ProcessingException failure = assertThrows(ProcessingException.class, () -> nowhere.create("{}"));
        UpstreamUnreachableException unreachable = assertInstanceOf(UpstreamUnreachableException.class, failure);
        assertEquals(UpstreamUnreachableException.Kind.CONNECT, unreachable.kind());
        assertTrue(unreachable.getCause() instanceof ProcessingException, "the REST client's own exception is the cause");
    }

    @RegisterRestClient(configKey = "upstream")
    @Path("/upstream")
    public interface Client {
        @GET
        @Path("/{scenario}")
        @Retry(maxRetries = 2)
        String get(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures);

        @GET
        @Path("/{scenario}")
        @Retry(maxRetries = 2)
        CompletionStage<String> getAsync(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures);

        @POST
        @Path("/{scenario}")
        @Retry(maxRetries = 2)
        String create(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures, String body);
    }

    @RegisterRestClient(configKey = "nowhere")
    @Path("/nowhere")
    public interface Nowhere {
        @POST
        @Retry(maxRetries = 2)
        String create(String body);
    }
}
