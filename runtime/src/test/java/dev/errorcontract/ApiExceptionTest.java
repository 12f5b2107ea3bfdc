package dev.errorcontract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void eachStatusGetsItsFamilySubtype() {
        assertInstanceOf(ApiException.NotFound.class, ApiException.of(404, "gone", null));
        assertInstanceOf(ApiException.Conflict.class, ApiException.of(409, "stale", null));
        assertInstanceOf(ApiException.ValidationFailed.class, ApiException.of(422, null, null));
        assertInstanceOf(ApiException.ValidationFailed.class, ApiException.of(400, ErrorCodes.VALIDATION_ERROR, null),
                "a validation_error with 400 (validation-status=400) is still one");
        assertInstanceOf(ApiException.Locked.class, ApiException.of(423, null, null));
        assertInstanceOf(ApiException.TooManyRequests.class, ApiException.of(429, null, null));
        assertInstanceOf(ApiException.Unavailable.class, ApiException.of(503, null, null));
        assertInstanceOf(ApiException.ServerError.class, ApiException.of(502, null, null));
        assertInstanceOf(ApiException.ServerError.class, ApiException.of(500, null, null));
        assertEquals(ApiException.class, ApiException.of(400, "bad_request", null).getClass());
        assertEquals(ApiException.class, ApiException.of(402, "payment_required", null).getClass());
    }

    @Test
    void factoriesOfTheGuideSetStatusCodeAndDetail() {
        ApiException.NotFound notFound = ApiException.notFound("Task 42 does not exist");
        assertEquals(404, notFound.status());
        assertEquals(ErrorCodes.NOT_FOUND, notFound.code());
        assertEquals("Task 42 does not exist", notFound.error().detail());
        assertEquals("404 not_found: Task 42 does not exist", notFound.getMessage());
        assertEquals(ErrorCodes.CONFLICT, ApiException.conflict("changed").code());
        FieldError field = FieldError.body("title", "not_blank", "must not be blank");
        ApiException.ValidationFailed invalid = ApiException.unprocessable("Invalid task", List.of(field));
        assertEquals(422, invalid.status());
        assertEquals(List.of(field), invalid.error().errors());
        assertEquals("418 teapot", ApiException.of(418, "teapot", null).getMessage());
    }

    @Test
    void aWaitIsRoundedUpToWholeSecondsAndIsNeverZero() {
        assertEquals(Optional.of(Duration.ofSeconds(7)),
                ApiException.locked("busy", Duration.ofMillis(6_200)).retryAfter());
        assertEquals(5L, ApiException.locked("busy", Duration.ofSeconds(5)).error().retryAfter());
        assertEquals(1L, ApiException.locked("busy", Duration.ZERO).error().retryAfter());
        assertEquals(30L, ApiException.serviceUnavailable("maintenance", Duration.ofSeconds(30)).error().retryAfter());
        assertEquals(Optional.empty(), ApiException.serviceUnavailable("maintenance", null).retryAfter());
        assertThrows(IllegalArgumentException.class, () -> ApiException.locked("busy", null));
    }

    @Test
    void aCauseIsCarriedByTheConstructorTheFactoryOrInitCause() {
        IllegalStateException cause = new IllegalStateException("jdbc:postgresql://db.internal");
        assertSame(cause, new ApiException(ApiError.of(409, "stale", "changed"), cause).getCause());
        ApiException fromFactory = ApiException.of(ApiError.of(503, null, "down"), cause);
        assertSame(cause, fromFactory.getCause());
        assertInstanceOf(ApiException.Unavailable.class, fromFactory, "the factory still picks the family subtype");

        ApiException.Unavailable unavailable = ApiException.serviceUnavailable("Payments are down", null);
        assertNull(unavailable.getCause());
        assertSame(unavailable, unavailable.initCause(cause), "initCause returns the exception, to throw it");
        assertSame(cause, unavailable.getCause());
        assertThrows(IllegalStateException.class, () -> unavailable.initCause(new RuntimeException()),
                "a cause is set once");
        assertThrows(IllegalStateException.class, () -> fromFactory.initCause(new RuntimeException()));
        assertFalse(fromFactory.getMessage().contains("jdbc"), "the cause is not part of the message");
    }

    @Test
    void headersAreCaseInsensitiveAndCopied() {
        ApiException error = ApiException.of(ApiError.of(429), Map.of("RateLimit-Limit", List.of("90")));
        assertEquals(Optional.of("90"), error.header("ratelimit-limit"));
        assertEquals(List.of("90"), error.headers().get("RATELIMIT-LIMIT"));
        assertThrows(UnsupportedOperationException.class, () -> error.headers().put("X", List.of("y")));
        assertEquals(Optional.empty(), error.header("Retry-After"));
        assertTrue(ApiException.notFound("x").headers().isEmpty());
    }

    @Test
    void onlyAReceivedErrorHasAnOrigin() {
        ApiException raised = ApiException.notFound("x");
        assertFalse(raised.isReceived());
        assertEquals(Optional.empty(), raised.origin());
        ApiException.Origin origin = new ApiException.Origin("com.acme.Tasks", "POST", "k-1");
        ApiException received = ApiException.received(ApiError.of(503), Map.of(), "{\"oops\":1}", origin);
        assertTrue(received.isReceived());
        assertEquals(Optional.of(origin), received.origin());
        assertEquals("{\"oops\":1}", received.rawBody());
        assertTrue(ApiException.received(ApiError.of(500), null, null, null).isReceived(),
                "received without a known origin is still received");
    }

    @Test
    void tooManyRequestsReadsTheRateLimitHeaders() {
        ApiException.TooManyRequests draft = (ApiException.TooManyRequests) ApiException.received(ApiError.of(429),
                Map.of("RateLimit-Limit", List.of("100"), "RateLimit-Remaining", List.of("0"),
                        "RateLimit-Reset", List.of(" 42 ")),
                null, null);
        assertEquals(OptionalLong.of(100), draft.limit());
        assertEquals(OptionalLong.of(0), draft.remaining());
        assertEquals(OptionalLong.of(42), draft.reset());
        assertEquals(Optional.empty(), draft.policy());

        ApiException.TooManyRequests ietf = (ApiException.TooManyRequests) ApiException.received(ApiError.of(429),
                Map.of("RateLimit-Policy", List.of("\"api\";q=90;w=60"), "RateLimit", List.of("\"api\";r=3;t=17")),
                null, null);
        assertEquals(OptionalLong.empty(), ietf.limit());
        assertEquals(OptionalLong.of(3), ietf.remaining());
        assertEquals(OptionalLong.of(17), ietf.reset());
        assertEquals(Optional.of("\"api\";q=90;w=60"), ietf.policy());
    }
}
