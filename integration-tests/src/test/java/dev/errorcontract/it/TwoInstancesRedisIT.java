package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.errorcontract.it.support.Flood;
import dev.errorcontract.it.support.PackagedDemo;
import dev.errorcontract.it.support.RedisTestServer;
import dev.errorcontract.it.support.SharedTasksProfile;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Two instances of the packaged demo on one Redis: a limit of 5 lets exactly 5 requests through across both, and
 * concurrent duplicates of one idempotent POST (blocking or Uni), split across both, create exactly one task, which
 * both instances serve (the tasks are in Redis too: demo.task-store=redis).
 */
@QuarkusIntegrationTest
@TestProfile(SharedTasksProfile.class)
public class TwoInstancesRedisIT {

    static PackagedDemo second;

    @BeforeAll
    static void startSecondInstance() {
        second = PackagedDemo.start(Map.of(
                "quarkus.profile", "test",
                "quarkus.redis.hosts", RedisTestServer.current().url(),
                "quarkus.error-contract.rate-limit.store", "redis",
                "quarkus.error-contract.rate-limit.redis.timeout", "2s",
                "quarkus.error-contract.idempotency.store", "redis",
                "demo.task-store", "redis"));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    static String base(int i) {
        return i % 2 == 0 ? "http://localhost:" + RestAssured.port : second.baseUri();
    }

    @Test
    void limitHoldsAcrossInstances() {
        int allowed = 0;
        for (int i = 0; i < 12; i++) {
            int status = given().baseUri(base(i)).port(-1).header("X-API-KEY", "demo-key-read").get("/search")
                    .statusCode();
            if (status == 200) {
                allowed++;
            } else {
                assertEquals(429, status);
            }
        }
        assertEquals(5, allowed, "5 a minute per API key, across both instances");
    }

    /**
     * 3,000 concurrent searches of one caller split over both instances: exactly 5 pass, every other one is a 429 with
     * all its headers, and no request runs twice (which shows as "Response has already been written" or a
     * ConcurrentModificationException in the log).
     */
    @Test
    void concurrentRejectionsRunOnceAndCarryTheirHeaders() throws Exception {
        long started = System.nanoTime();
        List<Flood.Answer> answers = Flood.send(3000, 64,
                i -> Flood.get(base(i) + "/search?q=flood", "X-API-KEY", "demo-key-full"));
        // the bucket refills greedily, a permit every 12 s: a flood slowed down by a busy machine may see one more
        long refilled = (System.nanoTime() - started) / 12_000_000_000L;
        long allowed = answers.stream().filter(answer -> answer.status() == 200).count();
        assertTrue(allowed >= 5 && allowed <= 5 + refilled,
                "5 a minute for the caller across both instances (+" + refilled + " refilled meanwhile), was " + allowed);
        for (Flood.Answer answer : answers) {
            if (answer.status() == 200) {
                continue;
            }
            assertEquals(429, answer.status());
            for (String header : List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After")) {
                assertNotNull(answer.header(header), header + " missing on a 429: " + answer.headers());
            }
            assertEquals(answer.header("Retry-After"), answer.header("RateLimit-Reset"));
        }
        for (String log : List.of(second.log(), firstInstanceLog())) {
            assertFalse(log.contains("already been written"), log);
            assertFalse(log.contains("ConcurrentModificationException"), log);
            assertFalse(log.contains("ERROR"), log);
        }
    }

    /** What the instance started by @QuarkusIntegrationTest logged (it writes to target/quarkus.log). */
    static String firstInstanceLog() throws java.io.IOException {
        java.nio.file.Path log = java.nio.file.Path.of("target", "quarkus.log");
        return java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "";
    }

    @ParameterizedTest
    @ValueSource(strings = { "/tasks", "/reactive/tasks" })
    void concurrentDuplicatesAcrossInstancesCreateOneTaskBothInstancesServe(String path) throws Exception {
        int before = count(0);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int instance = i;
                calls.add(pool.submit(() -> {
                    start.await();
                    return given().baseUri(base(instance)).port(-1).header("X-API-KEY", "demo-key-full")
                            .header("Idempotency-Key", key).contentType(ContentType.JSON)
                            .body("{\"title\":\"Once across the cluster\",\"priority\":\"high\"}").post(path)
                            .statusCode();
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
        assertEquals(before + 1, count(0), "one task");
        assertEquals(count(0), count(1), "both instances see the same tasks");
        // a retry on either instance is replayed and points at a task either instance serves
        for (int instance = 0; instance < 2; instance++) {
            String location = given().baseUri(base(instance)).port(-1).header("X-API-KEY", "demo-key-full")
                    .header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body("{\"title\":\"Once across the cluster\",\"priority\":\"high\"}").post(path).then()
                    .statusCode(201).header("Idempotent-Replayed", "true").extract().header("Location");
            String taskPath = URI.create(location).getPath();
            for (int reader = 0; reader < 2; reader++) {
                given().baseUri(base(reader)).port(-1).header("X-API-KEY", "demo-key-full").get(taskPath).then()
                        .statusCode(200).body("title", equalTo("Once across the cluster"));
            }
        }
        for (String log : List.of(second.log(), firstInstanceLog())) {
            assertFalse(log.contains("already been written"), log);
        }
    }

    static int count(int instance) {
        return Integer.parseInt(given().baseUri(base(instance)).port(-1).header("X-API-KEY", "demo-key-full")
                .get("/tasks?limit=1").header("X-Total-Count"));
    }
}
