package dev.errorcontract.it;

import static dev.errorcontract.it.ErrorCatalogueTest.assertContract;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.errorcontract.junit.DocumentedResponses;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** POST /tasks with an Idempotency-Key, over HTTP: replays, conflicts, and 50 concurrent duplicates. */
@QuarkusTest
@ExtendWith(DocumentedResponses.class)
public class IdempotencyTest {

    static final String FULL_KEY = "demo-key-full";

    static Response create(String key, String body) {
        return given().header("X-API-KEY", FULL_KEY).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/tasks");
    }

    static int taskCount() {
        return Integer.parseInt(given().header("X-API-KEY", FULL_KEY).get("/tasks?limit=1").header("X-Total-Count"));
    }

    @Test
    void retryReplaysTheIdenticalResponse() {
        String key = UUID.randomUUID().toString();
        Response first = create(key, "{\"title\":\"Pay invoice\",\"priority\":\"high\"}");
        first.then().statusCode(201);
        Response retry = create(key, "{\"priority\":\"high\",\"title\":\"Pay invoice\"}");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"));
        assertEquals(first.asString(), retry.asString());
    }

    @Test
    void sameKeyWithAnotherBodyIsAConflict() {
        String key = UUID.randomUUID().toString();
        create(key, "{\"title\":\"One\",\"priority\":\"low\"}").then().statusCode(201);
        assertContract(create(key, "{\"title\":\"Two\",\"priority\":\"low\"}"), 409, "idempotency_conflict");
    }

    @Test
    void fiftyConcurrentDuplicatesCreateExactlyOneTask() throws Exception {
        int before = taskCount();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return create(key, "{\"title\":\"Exactly once\",\"priority\":\"urgent\"}").statusCode();
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
