package dev.errorcontract.runtime.idempotency;

import java.time.Duration;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.runtime.server.ErrorResponses;
import dev.errorcontract.runtime.server.FailureClassifier;
import dev.errorcontract.runtime.server.RetryAfter;
import io.vertx.ext.web.RoutingContext;

/**
 * What a request with (or without) an {@code Idempotency-Key} is told when it does not run: status, code and detail,
 * in one place. The details are the extension's texts in the caller's language; a store that cannot be reached is the
 * classifier's 503.
 */
final class IdempotencyErrors {

    private final ErrorResponses responses;
    private final RoutingContext context;

    IdempotencyErrors(ErrorResponses responses, RoutingContext context) {
        this.responses = responses;
        this.context = context;
    }

    /** 400 {@code idempotency_key_missing}: the method requires a key. */
    ApiError keyMissing() {
        return ApiError.of(400, ErrorCodes.IDEMPOTENCY_KEY_MISSING, text("detail.idempotency_key_missing"));
    }

    /** 400 {@code bad_request}: the key is not a valid one. */
    ApiError keyInvalid() {
        return ApiError.of(400, ErrorCodes.BAD_REQUEST, text("detail.idempotency_key_invalid"));
    }

    /** 409 {@code request_in_progress}: the first request with this key still runs. */
    ApiError inProgress(long retryAfterSeconds) {
        return ApiError.of(409, ErrorCodes.REQUEST_IN_PROGRESS, text("detail.request_in_progress"))
                .withRetryAfter(RetryAfter.seconds(retryAfterSeconds));
    }

    /** 409 {@code idempotency_conflict}: the key was used with another request. */
    ApiError keyReused() {
        return ApiError.of(409, ErrorCodes.IDEMPOTENCY_CONFLICT, text("detail.idempotency_conflict"));
    }

    /** 409 {@code conflict}: the key's request completed, but its response was too large to keep. */
    ApiError responseNotKept() {
        return ApiError.of(409, ErrorCodes.CONFLICT, text("detail.idempotency_response_not_kept"));
    }

    /** 503 {@code service_unavailable}: the store cannot be reached, and the request is not run unprotected. */
    static ApiError storeUnavailable(long retryAfterSeconds) {
        return FailureClassifier.unavailable(Duration.ofSeconds(retryAfterSeconds)).error();
    }

    private String text(String key) {
        return responses.message(context, key);
    }
}
