package dev.errorcontract;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * An error of the contract, as an exception.
 * <p>
 * On the server, throw it from a resource and the extension renders it:
 *
 * <pre>{@code
 * throw ApiException.notFound("Task " + id + " does not exist");
 * throw ApiException.locked("Task " + id + " is being processed", Duration.ofSeconds(5));
 * }</pre>
 *
 * On a REST client, every non-2xx response arrives as one, typed by family, with the response headers and the raw body:
 *
 * <pre>{@code
 * try {
 *     tasks.create(task);
 * } catch (ApiException.RateLimited e) {
 *     e.retryAfter(); // the server's Retry-After
 * } catch (ApiException e) {
 *     e.error().code();
 * }
 * }</pre>
 */
public class ApiException extends RuntimeException {

    private final ApiError error;
    private final Map<String, List<String>> headers;
    private final String rawBody;
    private final boolean received;
    private final Origin origin;

    /**
     * Where a received error came from: the REST client interface, the request method and the
     * {@code Idempotency-Key} the request carried ({@code null} when none).
     */
    public record Origin(String client, String method, String idempotencyKey) {
    }

    /** An exception for the given error; prefer the factory methods, which pick the family subtype. */
    public ApiException(ApiError error) {
        this(error, Map.of(), null, null, null);
    }

    protected ApiException(ApiError error, Map<String, List<String>> headers, String rawBody, Throwable cause,
            Origin origin) {
        super(message(error), cause);
        this.error = error;
        this.headers = headers == null || headers.isEmpty() ? Map.of() : caseInsensitiveCopy(headers);
        this.rawBody = rawBody;
        this.received = origin != null;
        this.origin = origin;
    }

    /** For a received error, the call it answered. */
    public Optional<Origin> origin() {
        return Optional.ofNullable(origin);
    }

    /**
     * Whether this error was received from another service by a REST client, rather than raised by this application.
     * The server never passes a received error through: unhandled, it answers 502 {@code bad_gateway}. To answer with
     * the downstream error on purpose, throw a new one: {@code throw ApiException.of(e.error())}.
     */
    public boolean isReceived() {
        return received;
    }

    /** The error model. */
    public ApiError error() {
        return error;
    }

    /** Shortcut for {@code error().status()}. */
    public int status() {
        return error.status();
    }

    /** Shortcut for {@code error().code()}. */
    public String code() {
        return error.code();
    }

    /** The wait the server asked for before a retry, if it asked for one. */
    public Optional<Duration> retryAfter() {
        return error.retryAfter() == null ? Optional.empty() : Optional.of(Duration.ofSeconds(error.retryAfter()));
    }

    /**
     * Headers (names case-insensitive): of the response a received error came with, or those an application-raised
     * error adds to its response.
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a response header of a received error. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body of a received error as it came over the wire (size-capped); {@code null} when there was none. */
    public String rawBody() {
        return rawBody;
    }

    // ---- factories for the catalogue ----

    /** An error with any status and code; the returned type is the family subtype of the status. */
    public static ApiException of(int status, String code, String detail) {
        return of(ApiError.of(status, code, detail));
    }

    /** The exception of the family subtype for an error. */
    public static ApiException of(ApiError error) {
        return create(error, Map.of(), null, null, null);
    }

    /**
     * The exception of the family subtype for an error, with headers for the response (for example rate-limit
     * headers); {@code Retry-After} comes from {@link ApiError#retryAfter()} and {@code Content-Type} from the renderer.
     */
    public static ApiException of(ApiError error, Map<String, List<String>> headers) {
        return create(error, headers, null, null, null);
    }

    /**
     * The exception of the family subtype for an error received from another service, with its response headers and
     * raw body (see {@link #isReceived()}).
     */
    public static ApiException received(ApiError error, Map<String, List<String>> headers, String rawBody,
            Origin origin) {
        return create(error, headers, rawBody, null, origin == null ? new Origin(null, null, null) : origin);
    }

    private static ApiException create(ApiError error, Map<String, List<String>> headers, String rawBody, Throwable cause,
            Origin received) {
        int status = error.status();
        if (status == 404) {
            return new NotFound(error, headers, rawBody, cause, received);
        } else if (status == 409) {
            return new Conflict(error, headers, rawBody, cause, received);
        } else if (status == 422 || ErrorCodes.VALIDATION_ERROR.equals(error.code())) {
            return new ValidationFailed(error, headers, rawBody, cause, received);
        } else if (status == 423) {
            return new Locked(error, headers, rawBody, cause, received);
        } else if (status == 429) {
            return new RateLimited(error, headers, rawBody, cause, received);
        } else if (status == 503) {
            return new Unavailable(error, headers, rawBody, cause, received);
        } else if (status >= 500) {
            return new ServerError(error, headers, rawBody, cause, received);
        }
        return new ApiException(error, headers, rawBody, cause, received);
    }

    /** 400 {@code bad_request}. */
    public static ApiException badRequest(String detail) {
        return of(400, ErrorCodes.BAD_REQUEST, detail);
    }

    /** 401 {@code unauthorized}. */
    public static ApiException unauthorized(String detail) {
        return of(401, ErrorCodes.UNAUTHORIZED, detail);
    }

    /** 402 {@code payment_required}. */
    public static ApiException paymentRequired(String detail) {
        return of(402, ErrorCodes.PAYMENT_REQUIRED, detail);
    }

    /** 403 {@code forbidden}. */
    public static ApiException forbidden(String detail) {
        return of(403, ErrorCodes.FORBIDDEN, detail);
    }

    /** 404 {@code not_found}. */
    public static NotFound notFound(String detail) {
        return (NotFound) of(404, ErrorCodes.NOT_FOUND, detail);
    }

    /** 409 {@code conflict}. */
    public static Conflict conflict(String detail) {
        return (Conflict) of(409, ErrorCodes.CONFLICT, detail);
    }

    /** 422 {@code validation_error} with field errors. */
    public static ValidationFailed unprocessable(String detail, List<FieldError> errors) {
        return (ValidationFailed) of(ApiError.of(422, ErrorCodes.VALIDATION_ERROR, detail).withErrors(errors));
    }

    /** 423 {@code locked}: the resource is busy, the caller may retry after the given wait. */
    public static Locked locked(String detail, Duration retryAfter) {
        return (Locked) of(ApiError.of(423, ErrorCodes.LOCKED, detail).withRetryAfter(seconds(retryAfter)));
    }

    /** 429 {@code rate_limit_exceeded}, retry after the given wait. */
    public static RateLimited rateLimited(String detail, Duration retryAfter) {
        return (RateLimited) of(ApiError.of(429, ErrorCodes.RATE_LIMIT_EXCEEDED, detail).withRetryAfter(seconds(retryAfter)));
    }

    /** 503 {@code service_unavailable}; {@code retryAfter} may be {@code null} when the wait is not known. */
    public static Unavailable serviceUnavailable(String detail, Duration retryAfter) {
        return (Unavailable) of(
                ApiError.of(503, ErrorCodes.SERVICE_UNAVAILABLE, detail).withRetryAfter(retryAfter == null ? null : seconds(retryAfter)));
    }

    /** Whole seconds, rounded up, never below 1: a Retry-After of 0 would invite an immediate retry storm. */
    static long seconds(Duration wait) {
        if (wait == null) {
            throw new IllegalArgumentException("retryAfter must not be null");
        }
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static String message(ApiError error) {
        StringBuilder message = new StringBuilder().append(error.status()).append(' ').append(error.code());
        if (error.detail() != null) {
            message.append(": ").append(error.detail());
        }
        return message.toString();
    }

    private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** 404: the resource does not exist (or is concealed). */
    public static class NotFound extends ApiException {
        protected NotFound(ApiError error, Map<String, List<String>> headers, String rawBody, Throwable cause,
                Origin received) {
            super(error, headers, rawBody, cause, received);
        }
    }

    /** 409: a state conflict, including the idempotency conflicts. */
    public static class Conflict extends ApiException {
        protected Conflict(ApiError error, Map<String, List<String>> headers, String rawBody, Throwable cause,
                Origin received) {
            super(error, headers, rawBody, cause, received);
        }
    }

    /** 422 (or a {@code validation_error} with another status): the request failed validation; see {@link ApiError#errors()}. */
    public static class ValidationFailed extends ApiException {
        protected ValidationFailed(ApiError error, Map<String, List<String>> headers, String rawBody, Throwable cause,
                Origin received) {
            super(error, headers, rawBody, cause, received);
        }
    }

    /** 423: the resource is busy; retry after {@link #retryAfter()}. */
    public static class Locked extends ApiException {
        protected Locked(ApiError error, Map<String, List<String>> headers, String rawBody, Throwable cause,
                Origin received) {
            super(error, headers, rawBody, cause, received);
        }
    }

    /**
     * 429: a rate limit is used up; retry after {@link #retryAfter()}. A received one also tells the limit from the
     * {@code RateLimit-Limit/-Remaining/-Reset} headers or the IETF {@code RateLimit} field.
     */
    public static class RateLimited extends ApiException {
        protected RateLimited(ApiError error, Map<String, List<String>> headers, String rawBody, Throwable cause,
                Origin received) {
            super(error, headers, rawBody, cause, received);
        }

        /** The permits per period of the limit, from {@code RateLimit-Limit}. */
        public OptionalLong limit() {
            return number(header("RateLimit-Limit").orElse(null));
        }

        /** The permits left, from {@code RateLimit-Remaining} or the {@code r} parameter of {@code RateLimit}. */
        public OptionalLong remaining() {
            OptionalLong remaining = number(header("RateLimit-Remaining").orElse(null));
            return remaining.isPresent() ? remaining : ietfParameter("r");
        }

        /** Seconds until the limit resets, from {@code RateLimit-Reset} or the {@code t} parameter of {@code RateLimit}. */
        public OptionalLong reset() {
            OptionalLong reset = number(header("RateLimit-Reset").orElse(null));
            return reset.isPresent() ? reset : ietfParameter("t");
        }

        /** The {@code RateLimit-Policy} field as sent, for example {@code "api";q=90;w=60}. */
        public Optional<String> policy() {
            return header("RateLimit-Policy");
        }

        private OptionalLong ietfParameter(String name) {
            String field = header("RateLimit").orElse(null);
            if (field == null) {
                return OptionalLong.empty();
            }
            for (String parameter : field.split(";")) {
                String[] pair = parameter.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equals(name)) {
                    return number(pair[1]);
                }
            }
            return OptionalLong.empty();
        }

        private static OptionalLong number(String value) {
            try {
                return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
    }

    /** 503: the service is unavailable (maintenance, open circuit, overload). */
    public static class Unavailable extends ApiException {
        protected Unavailable(ApiError error, Map<String, List<String>> headers, String rawBody, Throwable cause,
                Origin received) {
            super(error, headers, rawBody, cause, received);
        }
    }

    /** 5xx other than 503: the server failed. */
    public static class ServerError extends ApiException {
        protected ServerError(ApiError error, Map<String, List<String>> headers, String rawBody, Throwable cause,
                Origin received) {
            super(error, headers, rawBody, cause, received);
        }
    }
}
