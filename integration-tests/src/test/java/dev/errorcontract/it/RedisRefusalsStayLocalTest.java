package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.errorcontract.it.support.RedisRefusalsProfile;
import dev.errorcontract.it.support.RedisTestServer;
import dev.errorcontract.junit.DocumentedResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A caller Redis refused until T is refused by the instance itself until T: the flood of 429s that follows never
 * reaches Redis, and each carries the headers Redis's answer would have.
 */
@QuarkusTest
@TestProfile(RedisRefusalsProfile.class)
@ExtendWith(DocumentedResponses.class)
public class RedisRefusalsStayLocalTest {

    @Test
    void aRefusedCallerIsRefusedWithoutAskingRedisUntilItsRetryAfter() throws Exception {
        RedisTestServer redis = RedisTestServer.current();
        for (int i = 0; i < 5; i++) {
            given().header("X-API-KEY", "demo-key-read").get("/search").then().statusCode(200);
        }
        Response refused = given().header("X-API-KEY", "demo-key-read").get("/search");
        assertEquals(429, refused.statusCode());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        long checks = redis.calls("evalsha") + redis.calls("eval");

        // the caller's bucket removed from Redis: asked again, Redis would let the next request through
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("demo-key-read".getBytes(StandardCharsets.UTF_8)), 0, 16);
        assertEquals(":1", redis.command("DEL error-contract:rate-limit:search:key:" + hash));

        for (int i = 0; i < 50; i++) {
            Response again = given().header("X-API-KEY", "demo-key-read").get("/search");
            assertEquals(429, again.statusCode(), "still refused until its Retry-After");
            long seconds = Long.parseLong(again.header("Retry-After"));
            assertTrue(seconds >= 1 && seconds <= retryAfter, "Retry-After " + seconds + " after " + retryAfter);
            assertEquals("0", again.header("RateLimit-Remaining"));
            assertEquals("5", again.header("RateLimit-Limit"));
            assertEquals(again.header("Retry-After"), again.header("RateLimit-Reset"));
        }
        assertEquals(checks, redis.calls("evalsha") + redis.calls("eval"), "no refused request reached Redis");
    }
}
