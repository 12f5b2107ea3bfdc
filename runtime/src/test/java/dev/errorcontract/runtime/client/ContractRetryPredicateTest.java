package dev.errorcontract.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.errorcontract.ApiError;
import dev.errorcontract.ApiException;
import dev.errorcontract.ErrorCodes;

/** Which received errors a {@code @Retry} REST client method may retry at all (before waits and budgets). */
class ContractRetryPredicateTest {

    static ApiException received(int status, String code) {
        return ApiException.received(ApiError.of(status, code, null), Map.of(), null, null);
    }

    static ApiException.Origin call(String method, String idempotencyKey) {
        return new ApiException.Origin("com.acme.Tasks", method, idempotencyKey);
    }

    @Test
    void transientStatusesAreRetriedForIdempotentMethods() {
        for (int status : List.of(429, 423, 503, 500, 502, 504)) {
            for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS")) {
                assertTrue(ContractRetryPredicate.isRetryable(received(status, null), call(method, null)),
                        method + " " + status);
            }
        }
    }

    @Test
    void aPostOrPatchIsRetriedOnlyWithAnIdempotencyKey() {
        for (String method : List.of("POST", "PATCH")) {
            assertFalse(ContractRetryPredicate.isRetryable(received(503, null), call(method, null)), method);
            assertTrue(ContractRetryPredicate.isRetryable(received(503, null), call(method, "k-1")), method);
        }
        assertFalse(ContractRetryPredicate.isRetryable(received(503, null), call(null, null)), "method unknown");
    }

    @Test
    void aConflictIsRetriedOnlyWhileTheFirstRequestIsInProgress() {
        assertTrue(ContractRetryPredicate.isRetryable(received(409, ErrorCodes.REQUEST_IN_PROGRESS), call("POST", "k")));
        assertFalse(ContractRetryPredicate.isRetryable(received(409, ErrorCodes.IDEMPOTENCY_CONFLICT), call("POST", "k")));
        assertFalse(ContractRetryPredicate.isRetryable(received(409, ErrorCodes.CONFLICT), call("PUT", null)));
    }

    @Test
    void otherClientErrorsAndServerErrorsAreNeverRetried() {
        for (int status : List.of(400, 401, 403, 404, 405, 410, 412, 413, 422, 501, 505)) {
            assertFalse(ContractRetryPredicate.isRetryable(received(status, null), call("GET", "k")), "" + status);
        }
    }

    @Test
    void theApiExceptionIsFoundBehindWrappers() {
        ApiException error = received(503, null);
        assertSame(error, ContractRetryPredicate.apiException(error));
        assertSame(error, ContractRetryPredicate.apiException(new RuntimeException(new IllegalStateException(error))));
        assertNull(ContractRetryPredicate.apiException(new RuntimeException("no contract error")));
        assertNull(ContractRetryPredicate.apiException(null));
        assertEquals(503, ContractRetryPredicate.apiException(new RuntimeException(error)).status());
    }
}
