package dev.errorcontract.it;

import static dev.errorcontract.it.ErrorCatalogueTest.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.errorcontract.it.support.RedisClusterProfile;
import dev.errorcontract.it.support.RedisTestCluster;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Rate limits and idempotency keys in a real Redis Cluster of 3 masters ({@code quarkus.redis.client-type=cluster}):
 * the same behaviour as on one server (the idempotency tests run here too); each caller's bucket is one key, so the
 * script runs on the master of that key's slot, and a master without the script (after a failover, a moved slot or
 * {@code SCRIPT FLUSH}) is sent it again.
 */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
public class RedisClusterTest extends IdempotencyTest {

    /** The slot map loaded by one request before any concurrent one (see {@link RedisClusterProfile}). */
    @BeforeEach
    void slotsLoaded() {
        given().get("/demo/fake-upstream/missing").then().statusCode(404);
    }

    @Test
    void searchLimitHoldsInTheCluster() {
        for (int remaining = 4; remaining >= 0; remaining--) {
            given().header("X-API-KEY", "demo-key-read").get("/search").then().statusCode(200)
                    .header("RateLimit-Remaining", String.valueOf(remaining));
        }
        assertContract(given().header("X-API-KEY", "demo-key-read").get("/search"), 429, "rate_limit_exceeded");
    }

    @Test
    void everyMasterIsSentTheScriptAgainAfterLosingIt() {
        RedisTestCluster cluster = RedisTestCluster.current();
        for (int i = 0; i < 10; i++) {
            create(UUID.randomUUID().toString(), "{\"title\":\"spread " + i + "\",\"priority\":\"low\"}").then()
                    .statusCode(201);
        }
        checkEveryCaller();
        List<Long> keys = cluster.keysPerMaster();
        assertTrue(keys.stream().filter(count -> count > 0).count() >= 2, "keys on several masters: " + keys);

        for (int port : cluster.ports()) {
            assertTrue(cluster.command(port, "SCRIPT", "FLUSH").contains("OK"));
        }
        checkEveryCaller(); // each master answers NOSCRIPT once and is sent the script
        checkEveryCaller();
    }

    /** A counted request (with its headers) for each caller and bucket of the demo: keys in several slots. */
    private static void checkEveryCaller() {
        for (String key : List.of("demo-key-full", "demo-key-read")) {
            given().header("X-API-KEY", key).get("/tasks?limit=1").then().statusCode(200)
                    .header("RateLimit-Remaining", notNullValue());
        }
        given().get("/demo/fake-upstream/missing").then().statusCode(404).header("RateLimit-Remaining", notNullValue());
    }
}
