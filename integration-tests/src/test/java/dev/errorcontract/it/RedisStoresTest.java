package dev.errorcontract.it;

import static dev.errorcontract.it.ErrorCatalogueTest.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.errorcontract.it.support.RedisStoresProfile;
import dev.errorcontract.it.support.RedisTestServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Rate limits and idempotency keys kept in a real Redis server: the same behaviour as in memory, and what happens
 * when Redis goes away and comes back.
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
     * Redis busy for 3 s ({@code DEBUG SLEEP}, as a stuck script or a failover would): each rate-limited request waits
     * at most the deadline (250 ms by default), then on-failure=allow lets it through uncounted, counted in the
     * metrics as its own outcome; afterwards the limit counts again.
     */
    @Test
    void hungRedisDelaysRequestsByTheDeadlineOnly() throws Exception {
        try (RedisTestServer.Sleep sleep = RedisTestServer.current().sleep(3)) {
            for (int i = 0; i < 4; i++) {
                long start = System.nanoTime();
                given().header("X-API-KEY", "demo-key-full").get("/search?q=hung").then().statusCode(200)
                        .header("RateLimit-Limit", nullValue());
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 1_000, "answered after " + millis + " ms while Redis sleeps");
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
            // idempotency keys: refused rather than run without protection (on-store-failure=reject, the default)
            assertContract(create(UUID.randomUUID().toString(), "{\"title\":\"t\",\"priority\":\"low\"}"), 503,
                    "service_unavailable");
        } finally {
            redis.startServer();
        }
        given().header("X-API-KEY", "demo-key-full").get("/search").then().statusCode(200)
                .header("RateLimit-Limit", "5");
        create(UUID.randomUUID().toString(), "{\"title\":\"back\",\"priority\":\"low\"}").then().statusCode(201);
    }
}
