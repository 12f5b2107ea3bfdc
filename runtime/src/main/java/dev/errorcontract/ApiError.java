package dev.errorcontract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one error model of the contract: what the server renders for every non-2xx response, and what a REST client
 * reads back from one.
 *
 * <pre>{@code
 * ApiError error = ApiError.of(404, ErrorCodes.NOT_FOUND, "Task 42 does not exist")
 *         .withInstance("/tasks/42");
 * }</pre>
 *
 * @param status the HTTP status
 * @param code stable machine-readable snake_case code, see {@link ErrorCodes}
 * @param title short human summary of the kind of problem
 * @param detail human explanation of this occurrence, safe to show to the caller; may be {@code null}
 * @param instance the request path the error is about; may be {@code null}
 * @param requestId correlation id of the request; may be {@code null}
 * @param errors field-level problems, never {@code null}, may be empty
 * @param retryAfter seconds the caller should wait before retrying, {@code null} where no retry is invited
 * @param extensions further members, in insertion order, never {@code null}
 */
public record ApiError(int status, String code, String title, String detail, String instance, String requestId,
        List<FieldError> errors, Long retryAfter, Map<String, Object> extensions) {

    public ApiError {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        code = code == null || code.isBlank() ? ErrorCodes.defaultCode(status) : code;
        title = title == null || title.isBlank() ? ErrorCodes.defaultTitle(status) : title;
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null || extensions.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        if (retryAfter != null && retryAfter < 0) {
            retryAfter = 0L;
        }
    }

    /** An error with the catalogue title of its status. */
    public static ApiError of(int status, String code, String detail) {
        return new ApiError(status, code, null, detail, null, null, List.of(), null, Map.of());
    }

    /** An error with the catalogue code and title of its status. */
    public static ApiError of(int status) {
        return of(status, null, null);
    }

    public ApiError withTitle(String title) {
        return new ApiError(status, code, title, detail, instance, requestId, errors, retryAfter, extensions);
    }

    public ApiError withDetail(String detail) {
        return new ApiError(status, code, title, detail, instance, requestId, errors, retryAfter, extensions);
    }

    public ApiError withInstance(String instance) {
        return new ApiError(status, code, title, detail, instance, requestId, errors, retryAfter, extensions);
    }

    public ApiError withRequestId(String requestId) {
        return new ApiError(status, code, title, detail, instance, requestId, errors, retryAfter, extensions);
    }

    public ApiError withErrors(List<FieldError> errors) {
        return new ApiError(status, code, title, detail, instance, requestId, errors, retryAfter, extensions);
    }

    /** @param retryAfter seconds, or {@code null} to remove it */
    public ApiError withRetryAfter(Long retryAfter) {
        return new ApiError(status, code, title, detail, instance, requestId, errors, retryAfter, extensions);
    }

    /** A copy with one more extension member ({@code null} removes it). */
    public ApiError withExtension(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> copy = new LinkedHashMap<>(extensions);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new ApiError(status, code, title, detail, instance, requestId, errors, retryAfter, copy);
    }

    /** Whether this is a server-side failure (5xx). */
    public boolean isServerError() {
        return status >= 500;
    }
}
