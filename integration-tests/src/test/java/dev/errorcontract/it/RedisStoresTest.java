package dev.errorcontract.it;

import static dev.errorcontract.it.ErrorCatalogueTest.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import dev.errorcontract.it.support.CapturedLog;
import dev.errorcontract.it.support.Flood;
import dev.errorcontract.it.support.RedisStoresProfile;
import dev.errorcontract.it.support.RedisTestServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Rate limits and idempotency keys kept in a real Redis server: the same behaviour as in memory (blocking and Uni
 * endpoints), and what happens when Redis goes away and comes back.
 */
@QuarkusTest
@TestProfile(RedisStoresProfile.class)
public class RedisStoresTest extends IdempotencyTest {

    @Test
    void searchLimitHoldsInRedis() {
        String key = "demo-key-read";
        for (int remaining = 4; remaining >= 0; remaining--) {
            given().header("X-API-KEY", key).get("/search").then().statusCode(200)
                    .header("RateLimit-Remaining", String.valueOf(remaining));
        }
        assertContract(given().header("X-API-KEY", key).get("/search"), 429, "rate_limit_exceeded");
    }

    /**
     * Redis busy for 6 s ({@code DEBUG SLEEP}, as a stuck script or a failover would): each rate-limited request waits
     * the deadline only (2 s in this profile, 250 ms by default), then on-failure=allow lets it through uncounted,
     * counted in the metrics as its own outcome; afterwards the limit counts again.
     */
    @Test
    void hungRedisDelaysRequestsByTheDeadlineOnly() throws Exception {
        try (RedisTestServer.Sleep sleep = RedisTestServer.current().sleep(6)) {
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                given().header("X-API-KEY", "demo-key-full").get("/search?q=hung").then().statusCode(200)
                        .header("RateLimit-Limit", nullValue());
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis >= 2_000 && millis < 3_000, "answered after " + millis + " ms while Redis sleeps");
            }
            assertTrue(sleep.isSleeping(), "Redis still sleeping: the requests above did not wait for it");
        }
        given().header("X-API-KEY", "demo-key-full").get("/search?q=awake").then().statusCode(200)
                .header("RateLimit-Limit", "5");
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains(
                "error_contract_rate_limit_decisions_total{bucket=\"search\",outcome=\"allowed_store_failure\"}"),
                metrics);
        assertTrue(metrics.contains("error_contract_rate_limit_store_failures_total{reason=\"timeout\"}"), metrics);
    }

    /**
     * 2,000 requests, each with a new invented API key, to an endpoint that needs no authentication: the demo's
     * security accepts none of them, so all are counted against the caller's address (one bucket, one Redis key,
     * which expires when the bucket would be full again) instead of buying 2,000 fresh buckets and Redis keys.
     */
    @Test
    void inventedApiKeysCountAgainstTheAddressAndAddNoRedisKeys() throws Exception {
        RedisTestServer redis = RedisTestServer.current();
        String url = "http://localhost:" + io.restassured.RestAssured.port + "/demo/fake-upstream/missing";
        Flood.send(1, 1, i -> Flood.get(url)); // the address's bucket
        long keysBefore = redis.keyCount();
        List<Flood.Answer> answers = Flood.send(2000, 32,
                i -> Flood.get(url, "X-API-KEY", UUID.randomUUID().toString()));
        for (Flood.Answer answer : answers) {
            // the demo authenticates proactively (Quarkus's default): an API key it did not issue is refused first
            assertEquals(401, answer.status());
            assertEquals("application/problem+json", answer.header("Content-Type"), answer.headers().toString());
        }
        assertTrue(redis.keyCount() <= keysBefore + 1, "no Redis key per invented key: " + redis.keyCount());
    }

    /**
     * A caller's key in Redis lives only until its bucket would be full again (12 s per search spent, at most the
     * minute of the search bucket; the test profile's default bucket of 100,000 a minute is full again within a
     * millisecond), not for a fixed hour.
     */
    @Test
    void keysExpireWhenTheBucketIsFullAgain() throws Exception {
        given().header("X-API-KEY", "demo-key-full").get("/search?q=ttl").then().statusCode(200);
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("demo-key-full".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 16);
        long ttl = Long.parseLong(RedisTestServer.current()
                .command("PTTL error-contract:rate-limit:search:key:" + hash).substring(1));
        assertTrue(ttl > 0 && ttl <= 60_000, "expires when the bucket is full again: " + ttl + " ms");
    }

    @Test
    void redisOutageAllowsRateLimitedRequestsRejectsIdempotentOnesAndRecovers() {
        RedisTestServer redis = RedisTestServer.current();
        redis.stopServer();
        try {
            // rate limits: allowed, uncounted, no headers (on-failure=allow, the default)
            for (int i = 0; i < 7; i++) {
                given().header("X-API-KEY", "demo-key-full").get("/search").then().statusCode(200)
                        .header("RateLimit-Limit", nullValue());
            }
            // idempotency keys: refused rather than run without protection (on-store-failure=reject, the default),
            // counted each time, logged once (throttled) with the request id
            long failuresBefore = idempotencyCount("store_failure");
            List<LogRecord> logged;
            long start = System.nanoTime();
            try (CapturedLog log = CapturedLog.of("dev.errorcontract.idempotency")) {
                for (int i = 0; i < 6; i++) {
                    for (String path : List.of("/tasks", "/reactive/tasks")) {
                        assertContract(given().header("X-API-KEY", FULL_KEY).header("X-Request-Id", "outage-" + i)
                                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                                .body("{\"title\":\"t\",\"priority\":\"low\"}").post(path), 503, "service_unavailable");
                    }
                }
                logged = log.records();
            }
            assertEquals(failuresBefore + 12, idempotencyCount("store_failure"));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            List<LogRecord> errors = logged.stream()
                    .filter(record -> record.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertTrue(!errors.isEmpty() && errors.size() <= 1 + seconds / 10,
                    "one line per 10 s for 12 failures in " + seconds + " s: " + errors.size());
            String first = CapturedLog.message(errors.get(0));
            assertTrue(first.contains("request_id=outage-0"), first);
            assertTrue(errors.stream().allMatch(record -> record.getThrown() == null), "no stack trace at ERROR");
        } finally {
            redis.startServer();
        }
        given().header("X-API-KEY", "demo-key-full").get("/search").then().statusCode(200)
                .header("RateLimit-Limit", "5");
        create(UUID.randomUUID().toString(), "{\"title\":\"back\",\"priority\":\"low\"}").then().statusCode(201);
    }

    /**
     * 400 checks of one caller at once (64 in flight, pipelined on each event loop's connection), twice. Each takes its
     * permit exactly once, and no two are given the same one; the second time Redis loses its script every few
     * milliseconds (SCRIPT FLUSH, as a restart does): a check that found no script is sent again with it, and none
     * takes a permit twice. Any answer lost on the way is allowed uncounted and counted in the metrics.
     */
    @Test
    void concurrentChecksTakeOnePermitEachWhileRedisLosesItsScript() throws Exception {
        RedisTestServer redis = RedisTestServer.current();
        String url = "http://localhost:" + io.restassured.RestAssured.port + "/tasks";
        for (boolean flushing : new boolean[] { false, true }) {
            long before = Long.parseLong(given().header("X-API-KEY", FULL_KEY).get("/tasks").getHeader("RateLimit-Remaining"));
            long failuresBefore = rateLimitCount("api", "allowed_store_failure");
            AtomicBoolean flooding = new AtomicBoolean(flushing);
            Thread flusher = new Thread(() -> {
                while (flooding.get()) {
                    redis.command("SCRIPT FLUSH");
                    LockSupport.parkNanos(3_000_000); // a fault injected every 3 ms, not a wait for anything
                }
            });
            flusher.start();
            List<Flood.Answer> answers;
            try {
                answers = Flood.send(400, 64, i -> Flood.get(url, "X-API-KEY", FULL_KEY));
            } finally {
                flooding.set(false);
                flusher.join();
            }
            long after = Long.parseLong(given().header("X-API-KEY", FULL_KEY).get("/tasks").getHeader("RateLimit-Remaining"));

            Set<Long> counted = new HashSet<>();
            for (Flood.Answer answer : answers) {
                assertEquals(200, answer.status());
                String header = answer.header("RateLimit-Remaining");
                if (header != null) {
                    assertTrue(counted.add(Long.parseLong(header)), "two checks were given the same permit: " + header);
                }
            }
            long uncounted = answers.size() - counted.size();
            long taken = before - after - 1;
            assertEquals(uncounted, rateLimitCount("api", "allowed_store_failure") - failuresBefore,
                    "every check whose answer was lost is counted");
            if (flushing) {
                assertTrue(taken >= counted.size() && taken <= answers.size(),
                        "one permit per check at most: " + taken + " taken by " + answers.size() + " checks, "
                                + counted.size() + " counted");
            } else {
                assertEquals(answers.size(), counted.size(), "no store failure without a fault");
                assertEquals(answers.size(), taken, "one permit per check");
            }
        }
    }

    /** The count of error_contract_rate_limit_decisions_total of this bucket and outcome. */
    static long rateLimitCount(String bucket, String outcome) {
        return counter("error_contract_rate_limit_decisions_total{bucket=\"" + bucket + "\",outcome=\"" + outcome
                + "\"}");
    }

    /** The count of error_contract_idempotency_total with this outcome, from the Prometheus endpoint. */
    static long idempotencyCount(String outcome) {
        return counter("error_contract_idempotency_total{outcome=\"" + outcome + "\"}");
    }

    /** The value of one counter (name and labels as Prometheus writes them), 0 while it has not been counted. */
    private static long counter(String series) {
        String prefix = series + " ";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix)).mapToLong(line -> (long) Double.parseDouble(
                        line.substring(prefix.length()).trim()))
                .findFirst().orElse(0);
    }
}
