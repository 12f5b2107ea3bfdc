package dev.errorcontract.test.idempotency;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.Idempotent;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A stored response is replayed only for the retention; a request that holds its key longer than the lock timeout
 * (as a crashed one would) no longer blocks it. The running request is waited for with a latch, the ends of the
 * retention and the lock are polled for with a deadline, so a slow machine cannot make them fail, and the time they
 * took is checked against the configured durations.
 */
public class KeyExpiryAndLockTimeoutTest {

    static final AtomicInteger CALLS = new AtomicInteger();
    static final CountDownLatch STARTED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .overrideConfigKey("quarkus.error-contract.idempotency.retention", "3S")
            .overrideConfigKey("quarkus.error-contract.idempotency.lock-timeout", "1S");

    static Response post(String path, String key, String body) {
        return given().header("Idempotency-Key", key).body(body).post(path);
    }

    @Test
    void replayEndsWithTheRetention() {
        long start = System.nanoTime();
        assertEquals(200, post("/expiring/fast", "short-lived", "a").statusCode());
        assertEquals("true", post("/expiring/fast", "short-lived", "a").header("Idempotent-Replayed"));
        await("the replay ends with the retention").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> post("/expiring/fast", "short-lived", "a").header("Idempotent-Replayed") == null);
        assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(3), "replayed for the whole retention");
    }

    @Test
    void lockTimesOut() throws InterruptedException {
        Thread stuck = new Thread(() -> post("/expiring/stuck", "stuck", "b"));
        long start = System.nanoTime();
        stuck.start();
        try {
            assertTrue(STARTED.await(20, TimeUnit.SECONDS), "the first request did not start");
            // 409 request_in_progress while the first request holds the key, then the lock times out
            int status = await("the lock times out").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> post("/expiring/stuck", "stuck", "b").statusCode(), answer -> answer != 409);
            assertEquals(200, status);
            assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(1), "the lock held for its timeout");
        } finally {
            RELEASE.countDown();
            stuck.join();
        }
        assertEquals(2, CALLS.get(), "the retry ran once the lock had expired");
    }

    @Path("/expiring")
    @Consumes("text/plain")
    public static class Resource {
        @POST
        @Path("/fast")
        @Idempotent
        public String fast(String body) {
            return "ok";
        }

        @POST
        @Path("/stuck")
        @Idempotent
        public String stuck(String body) throws InterruptedException {
            if (CALLS.incrementAndGet() == 1) {
                STARTED.countDown();
                RELEASE.await(30, TimeUnit.SECONDS); // as long as the test needs: past the lock timeout
            }
            return "done";
        }
    }
}
