package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.errorcontract.it.support.RedisRefusalsProfile;
import dev.errorcontract.it.support.RedisTestServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Each event loop checks its requests' limits on a connection of its own: requests that arrive over several HTTP
 * connections (which Vert.x spreads over its event loops) are checked on several Redis connections, each of which
 * last ran the check script. One connection for the whole instance would be one such connection.
 */
@QuarkusTest
@TestProfile(RedisRefusalsProfile.class)
public class RedisChecksStayOnTheirEventLoopTest {

    @Test
    void requestsOnSeveralEventLoopsUseAConnectionEach() {
        for (int i = 0; i < 16; i++) { // RestAssured opens a connection per request
            int status = given().header("X-API-KEY", "demo-key-read").get("/tasks/424242").statusCode();
            assertNotEquals(429, status);
            assertTrue(status < 500, "status " + status);
        }
        String clients = RedisTestServer.current().text("CLIENT LIST");
        long checking = clients.lines().filter(client -> client.contains(" cmd=evalsha")).count();
        assertTrue(checking >= 2, "several connections ran the check script:\n" + clients);
    }
}
