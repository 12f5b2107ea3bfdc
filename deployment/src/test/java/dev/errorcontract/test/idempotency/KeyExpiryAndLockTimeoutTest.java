package dev.errorcontract.test.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.Idempotent;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A stored response is replayed only for the retention; a request that holds its key longer than the lock timeout
 * (as a crashed one would) no longer blocks it.
 */
public class KeyExpiryAndLockTimeoutTest {

    static final AtomicInteger CALLS = new AtomicInteger();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .overrideConfigKey("quarkus.error-contract.idempotency.retention", "1S")
            .overrideConfigKey("quarkus.error-contract.idempotency.lock-timeout", "1S");

    @Test
    void replayEndsWithTheRetention() throws InterruptedException {
        given().header("Idempotency-Key", "short-lived").body("a").post("/expiring/fast").then().statusCode(200);
        given().header("Idempotency-Key", "short-lived").body("a").post("/expiring/fast").then()
                .header("Idempotent-Replayed", "true");
        Thread.sleep(1_200);
        given().header("Idempotency-Key", "short-lived").body("a").post("/expiring/fast").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue());
    }

    @Test
    void lockTimesOut() throws InterruptedException {
        int before = CALLS.get();
        Thread stuck = new Thread(() -> given().header("Idempotency-Key", "stuck").body("b").post("/expiring/stuck"));
        stuck.start();
        Thread.sleep(1_300); // past the lock timeout while the first still runs
        given().header("Idempotency-Key", "stuck").body("b").post("/expiring/stuck").then().statusCode(200);
        stuck.join();
        assertEquals(2, CALLS.get() - before, "the retry ran once the lock had expired");
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
            if (CALLS.incrementAndGet() % 2 == 1) {
                Thread.sleep(2_500);
            }
            return "done";
        }
    }
}
