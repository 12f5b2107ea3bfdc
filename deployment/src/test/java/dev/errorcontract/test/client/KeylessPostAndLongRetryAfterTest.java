package dev.errorcontract.test.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ApiException;
import dev.errorcontract.UpstreamUnreachableException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With automatic idempotency keys turned off, a POST is not retried once the server answered, not after a 500 (the
 * server may have done the work) or a read timeout, nor after a 423 or 429 (the contract retries a POST only with a key); a
 * Retry-After
 * beyond the configured maximum fails at once with the wait on the exception.
 */
public class KeylessPostAndLongRetryAfterTest {

    static final AtomicInteger POSTS = new AtomicInteger();
    static final AtomicInteger SLOW_DOWNS = new AtomicInteger();
    static final AtomicInteger BUSY_POSTS = new AtomicInteger();
    static final AtomicInteger SLOW_POSTS = new AtomicInteger();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Upstream.class, Client.class, SlowClient.class))
            .overrideConfigKey("quarkus.error-contract.client.idempotency-key", "false")
            .overrideConfigKey("quarkus.error-contract.client.max-retry-after", "5S")
            .overrideConfigKey("quarkus.rest-client.slow.url", "http://localhost:${quarkus.http.port}")
            .overrideConfigKey("quarkus.rest-client.slow.read-timeout", "1000")
            .overrideConfigKey("quarkus.rest-client.upstream.url", "http://localhost:${quarkus.http.port}");

    @Inject
    @RestClient
    Client client;

    @Inject
    @RestClient
    SlowClient slowClient;

    @Test
    void keylessPostIsNotRetriedAfterAServerError() {
        ApiException error = assertThrows(ApiException.class, () -> client.create("{}"));
        assertEquals(500, error.status());
        assertEquals(1, POSTS.get());
        assertEquals(null, error.origin().orElseThrow().idempotencyKey());
    }

    @Test
    void keylessPostIsNotRetriedAfterLockedOrRateLimited() {
        assertThrows(ApiException.Locked.class, () -> client.createBusy("{}"));
        assertEquals(1, BUSY_POSTS.get());
    }

    @Test
    void keylessPostIsNotRetriedAfterAReadTimeout() {
        ProcessingException failure = assertThrows(ProcessingException.class, () -> slowClient.createSlowly("{}"));
        assertEquals(UpstreamUnreachableException.Kind.READ_TIMEOUT,
                ((UpstreamUnreachableException) failure).kind());
        assertEquals(1, SLOW_POSTS.get(), "the server may have done the work");
    }

    @Test
    void retryAfterBeyondTheMaximumFailsAtOnce() {
        ApiException.TooManyRequests error = assertThrows(ApiException.TooManyRequests.class, () -> client.slowDown());
        assertEquals(Duration.ofSeconds(3600), error.retryAfter().orElseThrow());
        assertEquals(1, SLOW_DOWNS.get(), "not retried: the wait is over the maximum");
        assertTrue(error.limit().isPresent());
    }

    @Path("/upstream")
    public static class Upstream {
        @POST
        public Response create(String body) {
            POSTS.incrementAndGet();
            return Response.serverError().entity("{\"error\":\"boom\"}").build();
        }

        @POST
        @Path("/busy")
        public Response busy(String body) {
            BUSY_POSTS.incrementAndGet();
            return Response.status(423).header("Retry-After", "0").build();
        }

        @POST
        @Path("/slow")
        public Response slow(String body) throws InterruptedException {
            SLOW_POSTS.incrementAndGet();
            Thread.sleep(3_000);
            return Response.ok("{}").build();
        }

        @GET
        @Path("/slow-down")
        public Response slowDown() {
            SLOW_DOWNS.incrementAndGet();
            return Response.status(429).header("Retry-After", "3600").header("RateLimit-Limit", "100").build();
        }
    }

    @RegisterRestClient(configKey = "upstream")
    @Path("/upstream")
    public interface Client {
        @POST
        @Retry(maxRetries = 3)
        String create(String body);

        @POST
        @Path("/busy")
        @Retry(maxRetries = 3)
        String createBusy(String body);

        @GET
        @Path("/slow-down")
        @Retry(maxRetries = 3)
        String slowDown();
    }

    @RegisterRestClient(configKey = "slow")
    @Path("/upstream")
    public interface SlowClient {
        @POST
        @Path("/slow")
        @Retry(maxRetries = 3)
        String createSlowly(String body);
    }
}
