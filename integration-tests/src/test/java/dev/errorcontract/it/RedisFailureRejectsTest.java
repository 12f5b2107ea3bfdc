package dev.errorcontract.it;

import static dev.errorcontract.it.ErrorCatalogueTest.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.errorcontract.it.support.RedisRejectsProfile;
import dev.errorcontract.it.support.RedisTestServer;
import dev.errorcontract.junit.DocumentedResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * With {@code rate-limit.redis.on-failure=reject}, a check Redis does not answer refuses the request with the
 * contract's 503 (Retry-After, no rate-limit headers: no permit was counted), whether Redis hangs past the deadline or
 * is down, and counts it; once Redis is back the limit counts again.
 */
@QuarkusTest
@TestProfile(RedisRejectsProfile.class)
@ExtendWith(DocumentedResponses.class)
public class RedisFailureRejectsTest {

    @Test
    void aHungRedisRefusesAfterTheDeadline() throws Exception {
        try (RedisTestServer.Sleep sleep = RedisTestServer.current().sleep(4)) {
            long start = System.nanoTime();
            Response refused = given().header("X-API-KEY", "demo-key-full").get("/search?q=hung");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertRefusedUnchecked(refused);
            assertTrue(millis >= 1_000 && millis < 2_500, "answered after " + millis + " ms while Redis sleeps");
            assertTrue(sleep.isSleeping(), "Redis still sleeping: the request above did not wait for it");
        }
        given().header("X-API-KEY", "demo-key-full").get("/search?q=awake").then().statusCode(200)
                .header("RateLimit-Limit", "5");
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains(
                "error_contract_rate_limit_decisions_total{bucket=\"search\",outcome=\"rejected_store_failure\"}"),
                metrics);
        assertTrue(metrics.contains("error_contract_rate_limit_store_failures_total{reason=\"timeout\"}"), metrics);
    }

    @Test
    void aRedisOutageRefusesAndRecovers() {
        RedisTestServer redis = RedisTestServer.current();
        redis.stopServer();
        try {
            for (int i = 0; i < 3; i++) {
                assertRefusedUnchecked(given().header("X-API-KEY", "demo-key-read").get("/search"));
            }
        } finally {
            redis.startServer();
        }
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("error_contract_rate_limit_store_failures_total{reason=\"error\"}"), metrics);
        // the client reconnects: the next checks are Redis's again
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (given().header("X-API-KEY", "demo-key-read").get("/search").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "Redis back, but the limit did not count again within 10 s");
        }
        given().header("X-API-KEY", "demo-key-read").get("/search").then().statusCode(200)
                .header("RateLimit-Limit", "5");
    }

    private static void assertRefusedUnchecked(Response refused) {
        assertContract(refused, 503, "service_unavailable");
        refused.then().header("Retry-After", "1").header("RateLimit-Limit", nullValue());
    }
}
