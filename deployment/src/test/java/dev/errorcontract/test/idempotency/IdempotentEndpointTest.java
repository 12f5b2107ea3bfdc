package dev.errorcontract.test.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ApiException;
import dev.errorcontract.Idempotent;
import dev.errorcontract.test.TestApiKeys;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An @Idempotent POST: a retry with the same key and body is replayed, another body is a conflict, a retry while the
 * first runs is "in progress", 4xx are stored, 5xx are not, keys are per caller, a required key, a malformed key.
 */
public class IdempotentEndpointTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class, Counter.class, TestApiKeys.class));

    @Test
    void retryIsReplayedWithTheSameStatusBodyAndHeaders() {
        var first = given().header("Idempotency-Key", "k-1").contentType("application/json")
                .body("{\"sku\":\"a\",\"qty\":1}").post("/orders")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).header("X-Not-Replayed", "x")
                .extract();
        // same content, keys in another order: the same canonical body
        given().header("Idempotency-Key", "k-1").contentType("application/json").body("{\"qty\":1, \"sku\":\"a\"}")
                .post("/orders")
                .then().statusCode(201).header("Location", first.header("Location")).header("Idempotent-Replayed", "true")
                .header("X-Not-Replayed", nullValue())
                .body(equalTo(first.asString()));
    }

    @Test
    void sameKeyWithAnotherBodyIsAConflict() {
        given().header("Idempotency-Key", "k-2").contentType("application/json").body("{\"sku\":\"b\",\"qty\":1}")
                .post("/orders").then().statusCode(201);
        given().header("Idempotency-Key", "k-2").contentType("application/json").body("{\"sku\":\"b\",\"qty\":2}")
                .post("/orders").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("idempotency_conflict"));
    }

    @Test
    void concurrentDuplicatesRunOnceAndTheOthersAreToldItIsInProgress() throws Exception {
        int before = Counter.SLOW_CALLS.get();
        Counter.slowRuns();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch toldInProgress = new CountDownLatch(7);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    var response = given().header("Idempotency-Key", "k-slow").contentType("application/json")
                            .body("{\"sku\":\"slow\"}").post("/orders/slow").then().extract();
                    if (response.statusCode() == 409 && "request_in_progress".equals(response.path("code"))) {
                        toldInProgress.countDown();
                    }
                    return response.statusCode();
                }));
            }
            start.countDown();
            assertTrue(Counter.slowStarted.await(20, TimeUnit.SECONDS), "one request runs");
            assertTrue(toldInProgress.await(20, TimeUnit.SECONDS), "the 7 others are told it is in progress");
            Counter.slowRelease.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "statuses " + statuses);
            assertEquals(1, Counter.SLOW_CALLS.get() - before, "the handler ran once");
        } finally {
            Counter.slowRelease.countDown();
            pool.shutdownNow();
        }
        given().header("Idempotency-Key", "k-slow").contentType("application/json").body("{\"sku\":\"slow\"}")
                .post("/orders/slow").then().statusCode(200).header("Idempotent-Replayed", "true");
    }

    @Test
    void inProgressCarriesRetryAfter() throws Exception {
        Counter.slowRuns();
        Thread first = new Thread(() -> given().header("Idempotency-Key", "k-busy").contentType("application/json")
                .body("{\"sku\":\"slow\"}").post("/orders/slow"));
        first.start();
        try {
            assertTrue(Counter.slowStarted.await(20, TimeUnit.SECONDS), "the first request did not start");
            given().header("Idempotency-Key", "k-busy").contentType("application/json").body("{\"sku\":\"slow\"}")
                    .post("/orders/slow").then().statusCode(409).body("code", equalTo("request_in_progress"))
                    .header("Retry-After", "1").body("retry_after", equalTo(1));
        } finally {
            Counter.slowRelease.countDown();
            first.join();
        }
    }

    @Test
    void clientErrorsAreStoredServerErrorsAreNot() {
        int before = Counter.FAILING_CALLS.get();
        given().header("Idempotency-Key", "k-4xx").contentType("application/json").body("{\"sku\":\"gone\"}")
                .post("/orders/failing").then().statusCode(404);
        given().header("Idempotency-Key", "k-4xx").contentType("application/json").body("{\"sku\":\"gone\"}")
                .post("/orders/failing").then().statusCode(404).header("Idempotent-Replayed", "true");
        assertEquals(1, Counter.FAILING_CALLS.get() - before);

        given().header("Idempotency-Key", "k-5xx").contentType("application/json").body("{\"sku\":\"boom\"}")
                .post("/orders/failing").then().statusCode(500);
        given().header("Idempotency-Key", "k-5xx").contentType("application/json").body("{\"sku\":\"boom\"}")
                .post("/orders/failing").then().statusCode(500).header("Idempotent-Replayed", nullValue());
        assertEquals(3, Counter.FAILING_CALLS.get() - before, "a server error is run again");
    }

    @Test
    void aReplayedErrorCarriesTheRequestIdOfTheRetryInBodyAndHeader() {
        given().header("X-Request-Id", "first-attempt").header("Idempotency-Key", "k-rid").contentType("application/json")
                .body("{\"sku\":\"gone\"}").post("/orders/failing").then().statusCode(404)
                .header("X-Request-Id", "first-attempt").body("request_id", equalTo("first-attempt"));
        given().header("X-Request-Id", "second-attempt").header("Idempotency-Key", "k-rid")
                .contentType("application/json").body("{\"sku\":\"gone\"}").post("/orders/failing").then()
                .statusCode(404).header("Idempotent-Replayed", "true").header("X-Request-Id", "second-attempt")
                .body("request_id", equalTo("second-attempt")).body("code", equalTo("not_found"))
                .body("detail", equalTo("no such product"));
    }

    @Test
    void keysArePerCaller() {
        given().header("X-API-Key", "alice").header("Idempotency-Key", "shared").contentType("application/json")
                .body("{\"sku\":\"x\"}").post("/orders").then().statusCode(201);
        given().header("X-API-Key", "bob").header("Idempotency-Key", "shared").contentType("application/json")
                .body("{\"sku\":\"y\"}").post("/orders").then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void requiredKeyMissing() {
        given().contentType("application/json").body("{\"sku\":\"a\"}").post("/orders/strict").then().statusCode(400)
                .body("code", equalTo("idempotency_key_missing"));
    }

    @Test
    void optionalKeyMissingRunsNormally() {
        given().contentType("application/json").body("{\"sku\":\"a\"}").post("/orders").then().statusCode(201);
    }

    @Test
    void malformedKeysAreBadRequests() {
        given().header("Idempotency-Key", "has space").contentType("application/json").body("{}").post("/orders/strict")
                .then().statusCode(400).body("code", equalTo("bad_request"));
        given().header("Idempotency-Key", "x".repeat(256)).contentType("application/json").body("{}")
                .post("/orders/strict").then().statusCode(400);
        given().header("Idempotency-Key", "\"quoted-key\"").contentType("application/json").body("{}")
                .post("/orders/strict").then().statusCode(200).header("Idempotent-Replayed", nullValue());
        // a structured-field string is the same key as the bare token
        given().header("Idempotency-Key", "quoted-key").contentType("application/json").body("{}")
                .post("/orders/strict").then().statusCode(200).header("Idempotent-Replayed", "true");
    }

    @Singleton
    public static class Counter {
        static final AtomicInteger ORDERS = new AtomicInteger();
        static final AtomicInteger SLOW_CALLS = new AtomicInteger();
        static final AtomicInteger FAILING_CALLS = new AtomicInteger();
        /** Counted down when the slow handler runs; it returns once the test counts down {@code slowRelease}. */
        static volatile CountDownLatch slowStarted = new CountDownLatch(1);
        static volatile CountDownLatch slowRelease = new CountDownLatch(1);

        /** New latches for a test that runs the slow handler. */
        static void slowRuns() {
            slowStarted = new CountDownLatch(1);
            slowRelease = new CountDownLatch(1);
        }
    }

    @Path("/orders")
    @Consumes("application/json")
    public static class Orders {
        @POST
        @Idempotent
        public Response create(String body) {
            int id = Counter.ORDERS.incrementAndGet();
            return Response.status(201).header("Location", "/orders/" + id).header("X-Not-Replayed", "x")
                    .entity("{\"id\":" + id + "}").type("application/json").build();
        }

        @POST
        @Path("/slow")
        @Idempotent
        public String slow(String body) throws InterruptedException {
            Counter.SLOW_CALLS.incrementAndGet();
            Counter.slowStarted.countDown();
            Counter.slowRelease.await(30, TimeUnit.SECONDS);
            return "{\"done\":true}";
        }

        @POST
        @Path("/failing")
        @Idempotent
        public String failing(String body) {
            Counter.FAILING_CALLS.incrementAndGet();
            if (body.contains("gone")) {
                throw ApiException.notFound("no such product");
            }
            throw new IllegalStateException("database down");
        }

        @POST
        @Path("/strict")
        @Idempotent(required = true)
        public String strict(String body) {
            return "{}";
        }
    }
}
