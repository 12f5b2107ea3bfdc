package dev.errorcontract.it;

import static dev.errorcontract.it.ErrorCatalogueTest.assertContract;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        assertEquals(rejected.header("Retry-After"), rejected.header("RateLimit-Reset"), "a 429 resets when it may retry");

        // another key is not affected
        given().header("X-API-KEY", "demo-key-full").get("/search?q=x").then().statusCode(200)
                .header("RateLimit-Remaining", "4");
    }

    /**
     * SmallRye Fault Tolerance's {@code @RateLimit} (1 call in 10 s) answers 429 on a method that the default bucket
     * also covers: the 429 carries Fault Tolerance's Retry-After, not the bucket's permits left, which would say the
     * opposite.
     */
    @Test
    void faultToleranceRateLimitAnswersWithoutTheBucketsHeaders() {
        Response response = given().header("X-API-KEY", "demo-key-read").get("/demo/failures/rate-limited");
        for (int i = 0; i < 3 && response.statusCode() != 429; i++) {
            response = given().header("X-API-KEY", "demo-key-read").get("/demo/failures/rate-limited");
        }
        assertContract(response, 429, "rate_limit_exceeded");
        assertTrue(Long.parseLong(response.header("Retry-After")) >= 1);
        assertNull(response.header("RateLimit-Remaining"), "the default bucket's headers on a Fault Tolerance 429");
        assertNull(response.header("RateLimit"));
    }

    @Test
    void defaultBucketHeadersOnEveryEndpoint() {
        given().header("X-API-KEY", "demo-key-read").get("/tasks").then().statusCode(200)
                .header("RateLimit-Limit", "100000");
    }
}
