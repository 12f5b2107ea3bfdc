package dev.errorcontract.it;

import static dev.errorcontract.it.ErrorCatalogueTest.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

import org.junit.jupiter.api.Test;

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
            List<LogRecord> logged = new CopyOnWriteArrayList<>();
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    logged.add(record);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Logger logger = Logger.getLogger("dev.errorcontract.idempotency");
            logger.addHandler(handler);
            long start = System.nanoTime();
            try {
                for (int i = 0; i < 6; i++) {
                    for (String path : List.of("/tasks", "/reactive/tasks")) {
                        assertContract(given().header("X-API-KEY", FULL_KEY).header("X-Request-Id", "outage-" + i)
                                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                                .body("{\"title\":\"t\",\"priority\":\"low\"}").post(path), 503, "service_unavailable");
                    }
                }
            } finally {
                logger.removeHandler(handler);
            }
            assertEquals(failuresBefore + 12, idempotencyCount("store_failure"));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            List<LogRecord> errors = logged.stream()
                    .filter(record -> record.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertTrue(!errors.isEmpty() && errors.size() <= 1 + seconds / 10,
                    "one line per 10 s for 12 failures in " + seconds + " s: " + errors.size());
            String first = errors.get(0) instanceof ExtLogRecord ext ? ext.getFormattedMessage() : errors.get(0).getMessage();
            assertTrue(first.contains("request_id=outage-0"), first);
            assertTrue(errors.stream().allMatch(record -> record.getThrown() == null), "no stack trace at ERROR");
        } finally {
            redis.startServer();
        }
        given().header("X-API-KEY", "demo-key-full").get("/search").then().statusCode(200)
                .header("RateLimit-Limit", "5");
        create(UUID.randomUUID().toString(), "{\"title\":\"back\",\"priority\":\"low\"}").then().statusCode(201);
    }

    /** The count of error_contract_idempotency_total with this outcome, from the Prometheus endpoint. */
    static long idempotencyCount(String outcome) {
        String prefix = "error_contract_idempotency_total{outcome=\"" + outcome + "\"} ";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix)).mapToLong(line -> (long) Double.parseDouble(
                        line.substring(prefix.length()).trim()))
                .findFirst().orElse(0);
    }
}
