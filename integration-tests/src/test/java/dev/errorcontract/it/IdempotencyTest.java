package dev.errorcontract.it;

import static dev.errorcontract.it.ErrorCatalogueTest.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.errorcontract.junit.DocumentedResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * POST /tasks (blocking) and POST /reactive/tasks (a Uni, run on the I/O thread) with an Idempotency-Key, over HTTP:
 * replays, conflicts, 50 concurrent duplicates, and a replayed error's request id.
 */
@QuarkusTest
@ExtendWith(DocumentedResponses.class)
public class IdempotencyTest {

    static final String FULL_KEY = "demo-key-full";

    static Response create(String key, String body) {
        return create("/tasks", key, body);
    }

    static Response create(String path, String key, String body) {
        return given().header("X-API-KEY", FULL_KEY).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post(path);
    }

    static int taskCount() {
        return Integer.parseInt(given().header("X-API-KEY", FULL_KEY).get("/tasks?limit=1").header("X-Total-Count"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/tasks", "/reactive/tasks" })
    void retryReplaysTheIdenticalResponse(String path) {
        int before = taskCount();
        String key = UUID.randomUUID().toString();
        Response first = create(path, key, "{\"title\":\"Pay invoice\",\"priority\":\"high\"}");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response retry = create(path, key, "{\"priority\":\"high\",\"title\":\"Pay invoice\"}");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"));
        assertEquals(first.asString(), retry.asString());
        assertEquals(before + 1, taskCount());
        // the task the replay points at is there
        given().header("X-API-KEY", FULL_KEY).get(retry.header("Location")).then().statusCode(200)
                .body("title", equalTo("Pay invoice"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/tasks", "/reactive/tasks" })
    void sameKeyWithAnotherBodyIsAConflict(String path) {
        String key = UUID.randomUUID().toString();
        create(path, key, "{\"title\":\"One\",\"priority\":\"low\"}").then().statusCode(201);
        assertContract(create(path, key, "{\"title\":\"Two\",\"priority\":\"low\"}"), 409, "idempotency_conflict");
    }

    @Test
    void aReplayedErrorCarriesTheRetrysRequestIdInBodyAndHeader() {
        String key = UUID.randomUUID().toString();
        String invalid = "{\"title\":\"Bad\",\"priority\":\"someday\"}";
        given().header("X-API-KEY", FULL_KEY).header("X-Request-Id", "attempt-1").header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(invalid).post("/tasks").then().statusCode(422)
                .body("request_id", equalTo("attempt-1"));
        given().header("X-API-KEY", FULL_KEY).header("X-Request-Id", "attempt-2").header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(invalid).post("/tasks").then().statusCode(422)
                .header("Idempotent-Replayed", "true").header("X-Request-Id", "attempt-2")
                .body("request_id", equalTo("attempt-2")).body("code", equalTo("validation_error"))
                .body("errors[0].field", equalTo("priority"));
    }

    @Test
    void aBatchResponseOverMaxResponseSizeIsSentWholeAndARetryIsAConflictNotASecondRun() {
        int before = taskCount();
        String key = UUID.randomUUID().toString();
        String batch = IntStream.range(0, 50).mapToObj(i -> "{\"title\":\"Batch item " + i + "\",\"priority\":\"low\"}")
                .collect(Collectors.joining(",", "[", "]"));
        Response first = create("/tasks/batch", key, batch);
        first.then().statusCode(201).body("size()", equalTo(50));
        assertTrue(first.asString().length() > 4096, "over max-response-size=4K: " + first.asString().length());
        Response retry = create("/tasks/batch", key, batch);
        assertContract(retry, 409, "conflict");
        retry.then().header("Idempotent-Replayed", "true");
        assertEquals(before + 50, taskCount(), "the batch ran once");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/tasks", "/reactive/tasks" })
    void fiftyConcurrentDuplicatesCreateExactlyOneTask(String path) throws Exception {
        int before = taskCount();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return create(path, key, "{\"title\":\"Exactly once\",\"priority\":\"urgent\"}").statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                int status = call.get(60, TimeUnit.SECONDS);
                if (status != 201 && status != 409) {
                    throw new AssertionError("unexpected status " + status);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, taskCount());
    }
}
