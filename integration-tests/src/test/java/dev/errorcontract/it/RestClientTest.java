package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.errorcontract.junit.DocumentedResponses;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The demo's REST client against its unreliable upstream, over HTTP: what @Retry retries, how long it waits, the
 * Idempotency-Key it keeps, the typed errors, and the retry budget. Attempts are counted on the upstream's side.
 */
@QuarkusTest
@ExtendWith(DocumentedResponses.class)
public class RestClientTest {

    static ValidatableResponse call(String scenario, int failures, String call) {
        return given().get("/demo/client/" + scenario + "?failures=" + failures + "&call=" + call).then().statusCode(200);
    }

    @Test
    void rateLimitedIsRetriedNotBeforeRetryAfter() {
        long start = System.nanoTime();
        call("rate-limited", 2, "get").body("outcome", equalTo("success")).body("attempts", equalTo(3));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 2_000, "two waits of Retry-After: 1 took " + elapsedMillis + " ms");
    }

    @Test
    void unavailableLockedAndInProgressAreRetried() {
        call("unavailable", 2, "get").body("outcome", equalTo("success")).body("attempts", equalTo(3));
        call("locked", 1, "get").body("outcome", equalTo("success")).body("attempts", equalTo(2));
        call("in-progress", 1, "get").body("outcome", equalTo("success")).body("attempts", equalTo(2));
    }

    @Test
    void serverErrorsOfIdempotentRequestsAreRetried() {
        call("broken", 2, "get").body("outcome", equalTo("success")).body("attempts", equalTo(3));
        call("bad-gateway", 1, "get").body("outcome", equalTo("success")).body("attempts", equalTo(2));
    }

    @Test
    void postGetsOneIdempotencyKeyForAllAttemptsAndIsRetried() {
        call("broken", 2, "post").body("outcome", equalTo("success")).body("attempts", equalTo(3))
                .body("idempotency_keys", hasSize(1))
                .body("idempotency_keys[0]", not(equalTo("-")));
    }

    @Test
    void clientErrorsAreNeverRetried() {
        call("bad-request", 5, "get").body("outcome", equalTo("error")).body("status", equalTo(400))
                .body("attempts", equalTo(1));
        call("not-found", 5, "get").body("status", equalTo(404)).body("exception", equalTo("NotFound"))
                .body("attempts", equalTo(1));
        call("invalid", 5, "get").body("status", equalTo(422)).body("exception", equalTo("ValidationFailed"))
                .body("code", equalTo("validation_error")).body("field_errors", equalTo(1))
                .body("attempts", equalTo(1));
    }

    @Test
    void exhaustedRetriesArriveAsTypedErrors() {
        call("unavailable", 10, "get").body("outcome", equalTo("error")).body("exception", equalTo("Unavailable"))
                .body("status", equalTo(503)).body("attempts", equalTo(4));
        call("bad-gateway", 10, "get").body("exception", equalTo("ServerError")).body("status", equalTo(502))
                .body("code", equalTo("bad_gateway"));
    }

    @Test
    void withoutRetryNothingIsRetriedButErrorsAreTyped() {
        call("rate-limited", 5, "once").body("exception", equalTo("RateLimited")).body("retry_after", equalTo(1))
                .body("code", equalTo("rate_limit_exceeded")).body("attempts", equalTo(1));
    }

    @Test
    void reactiveCallsFollowTheSameRules() {
        call("unavailable", 2, "reactive").body("outcome", equalTo("success")).body("attempts", equalTo(3));
        call("not-found", 5, "reactive").body("status", equalTo(404)).body("attempts", equalTo(1));
    }

    @Test
    void retryBudgetStopsRetriesWhenTheUpstreamIsDown() {
        // 4 tokens: the first call retries once (4 -> 3 -> 2), then no more retries while half or less is left
        int attempts = 0;
        for (int i = 0; i < 5; i++) {
            attempts += call("unavailable", 100, "budgeted").body("outcome", equalTo("error")).extract()
                    .<Integer> path("attempts");
        }
        assertTrue(attempts == 6, "5 calls made " + attempts + " attempts; without a budget they would make 20");
    }
}
