package dev.errorcontract.it;

import static dev.errorcontract.it.ErrorCatalogueTest.assertContract;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.errorcontract.junit.DocumentedResponses;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The demo's rate limits over HTTP: the search bucket per API key and the default bucket on every endpoint. */
@QuarkusTest
@ExtendWith(DocumentedResponses.class)
public class RateLimitTest {

    @Test
    void searchAllowsFiveAMinutePerKeyThenTooManyRequests() {
        for (int remaining = 4; remaining >= 0; remaining--) {
            given().header("X-API-KEY", "demo-key-read").get("/search?q=x").then().statusCode(200)
                    .header("RateLimit-Limit", "5")
                    .header("RateLimit-Remaining", String.valueOf(remaining));
        }
        Response rejected = given().header("X-API-KEY", "demo-key-read").get("/search?q=x");
        assertContract(rejected, 429, "rate_limit_exceeded");
        long retryAfter = Long.parseLong(rejected.header("Retry-After"));
        assertTrue(retryAfter >= 1);
        assertEquals(retryAfter, rejected.jsonPath().getLong("retry_after"));
        assertEquals("0", rejected.header("RateLimit-Remaining"));

        // another key is not affected
        given().header("X-API-KEY", "demo-key-full").get("/search?q=x").then().statusCode(200)
                .header("RateLimit-Remaining", "4");
    }

    @Test
    void defaultBucketHeadersOnEveryEndpoint() {
        given().header("X-API-KEY", "demo-key-read").get("/tasks").then().statusCode(200)
                .header("RateLimit-Limit", "100000");
    }
}
