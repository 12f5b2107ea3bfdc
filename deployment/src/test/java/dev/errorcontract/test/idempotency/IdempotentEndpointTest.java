package dev.errorcontract.test.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

import dev.errorcontract.test.TestApiKeys;
import dev.errorcontract.ApiException;
import dev.errorcontract.Idempotent;
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
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?>[] calls = new Future<?>[8];
            AtomicInteger inProgress = new AtomicInteger();
            for (int i = 0; i < calls.length; i++) {
                calls[i] = pool.submit(() -> {
                    start.await();
                    int status = given().header("Idempotency-Key", "k-slow").contentType("application/json")
                            .body("{\"sku\":\"slow\"}").post("/orders/slow").then().extract().statusCode();
                    if (status == 409) {
                        inProgress.incrementAndGet();
                    }
                    return status;
                });
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
            assertEquals(1, Counter.SLOW_CALLS.get() - before, "the handler ran once");
        } finally {
            pool.shutdownNow();
        }
        given().header("Idempotency-Key", "k-slow").contentType("application/json").body("{\"sku\":\"slow\"}")
                .post("/orders/slow").then().statusCode(200).header("Idempotent-Replayed", "true");
    }

    @Test
    void inProgressCarriesRetryAfter() throws Exception {
        int before = Counter.SLOW_CALLS.get();
        Thread first = new Thread(() -> given().header("Idempotency-Key", "k-busy").contentType("application/json")
                .body("{\"sku\":\"slow\"}").post("/orders/slow"));
        first.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Counter.SLOW_CALLS.get() == before) { // until the first request runs, holding the key
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first request did not start");
            }
            Thread.sleep(10);
        }
        given().header("Idempotency-Key", "k-busy").contentType("application/json").body("{\"sku\":\"slow\"}")
                .post("/orders/slow").then().statusCode(409).body("code", equalTo("request_in_progress"))
                .header("Retry-After", "1").body("retry_after", equalTo(1));
        first.join();
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
            Thread.sleep(1_000);
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
