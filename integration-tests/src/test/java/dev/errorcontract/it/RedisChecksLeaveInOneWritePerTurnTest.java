package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.errorcontract.it.support.CapturedLog;
import dev.errorcontract.it.support.RedisConsolidationProfile;
import dev.errorcontract.it.support.RedisTestServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The store's connections to a single Redis server write the checks of one turn of the event loop at once
 * ({@code RedisFlushConsolidationTest} shows what that does): with the Vert.x Redis client of this Quarkus, every
 * connection the store opens takes the consolidation, including the ones it opens again after Redis restarted. A
 * client whose internals moved would log that checks are written one system call each; this test fails then.
 */
@QuarkusTest
@TestProfile(RedisConsolidationProfile.class)
public class RedisChecksLeaveInOneWritePerTurnTest {

    @Test
    void everyConnectionTheStoreOpensConsolidatesItsWrites() {
        List<String> warnings;
        try (CapturedLog log = CapturedLog.of("dev.errorcontract.ratelimit")) {
            RedisTestServer redis = RedisTestServer.current();
            requests(16); // RestAssured opens a connection per request: several event loops
            assertTrue(redis.calls("evalsha") + redis.calls("eval") >= 16, "Redis checked the requests");
            redis.stopServer();
            redis.startServer();
            requests(16); // the connections open again (a check that met the dead one is let through uncounted)
            assertTrue(redis.calls("evalsha") + redis.calls("eval") >= 8, "Redis checked the requests after its restart");
            warnings = log.records().stream().map(CapturedLog::message).toList();
        }
        assertEquals(List.of(), warnings.stream().filter(warning -> warning.contains("one system call each")).toList());
    }

    private static void requests(int count) {
        for (int i = 0; i < count; i++) {
            given().header("X-API-KEY", "demo-key-read").get("/tasks/424242").then().statusCode(404);
        }
    }
}
