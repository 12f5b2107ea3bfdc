package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

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
                .body("detail", equalTo("some error occurred")).body("field_errors", equalTo(0))
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
        call("rate-limited", 5, "once").body("exception", equalTo("TooManyRequests")).body("retry_after", equalTo(1))
                .body("code", equalTo("rate_limit_exceeded")).body("attempts", equalTo(1));
    }

    @Test
    void reactiveCallsFollowTheSameRules() {
        call("unavailable", 2, "reactive").body("outcome", equalTo("success")).body("attempts", equalTo(3));
        call("not-found", 5, "reactive").body("status", equalTo(404)).body("attempts", equalTo(1));
    }

    @Test
    void retryBudgetStopsRetriesWhenTheUpstreamIsDown() {
        // 4 tokens, a retry allowed while more than 2 are left: the first call retries twice (4 -> 3 -> 2), the next
        // ones not at all
        int attempts = 0;
        for (int i = 0; i < 5; i++) {
            attempts += call("unavailable", 100, "budgeted").body("outcome", equalTo("error")).extract()
                    .<Integer> path("attempts");
        }
        assertEquals(7, attempts, "5 calls made " + attempts + " attempts; without a budget they would make 20");
    }

    @Test
    void retryBudgetNeverStopsRetriesPacedByRetryAfter() {
        // each call meets one 429 with Retry-After: 1; the 4-token budget would have refused the third retry
        for (int i = 0; i < 4; i++) {
            call("rate-limited", 1, "budgeted").body("outcome", equalTo("success")).body("attempts", equalTo(2));
        }
    }

    @Test
    void postsInOneRequestEachHaveTheirOwnKey() {
        ValidatableResponse response = given().get("/demo/client/posts-in-one-request").then().statusCode(200);
        List<String> first = response.extract().path("first");
        List<String> unretried = response.extract().path("unretried");
        List<String> second = response.extract().path("second");
        assertEquals(2, first.size());
        assertEquals(first.get(0), first.get(1), "one key for both attempts of the first call");
        assertNotEquals("-", first.get(0));
        assertEquals(List.of("-"), unretried, "a POST without @Retry carries no key, not the first call's");
        assertEquals(1, second.size());
        assertNotEquals("-", second.get(0));
        assertNotEquals(first.get(0), second.get(0));
    }

    @Test
    void twoIdenticalCreatesInOneRequestMakeTwoTasks() {
        String title = "client-" + UUID.randomUUID();
        List<Integer> ids = given().get("/demo/client/create-tasks?title=" + title).then().statusCode(200)
                .extract().path("id");
        assertEquals(3, ids.size());
        assertEquals(3, Set.copyOf(ids).size(), "three creates, three tasks: " + ids);
        for (Integer id : ids) {
            given().header("X-API-KEY", "demo-key-full").get("/tasks/" + id).then().statusCode(200);
        }
    }

    @Test
    void concurrentReactivePostsKeepTheirOwnKeys() {
        ValidatableResponse response = given().get("/demo/client/concurrent-posts").then().statusCode(200);
        List<String> a = response.extract().path("a");
        List<String> b = response.extract().path("b");
        assertEquals(3, a.size());
        assertEquals(3, b.size());
        assertEquals(1, Set.copyOf(a).size(), "every attempt of a has its key: " + a);
        assertEquals(1, Set.copyOf(b).size(), "every attempt of b has its key: " + b);
        assertNotEquals("-", a.get(0));
        assertNotEquals("-", b.get(0));
        assertNotEquals(a.get(0), b.get(0));
    }
}
