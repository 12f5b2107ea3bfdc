package dev.errorcontract;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import dev.errorcontract.runtime.ratelimit.RateLimitHeaders;
import dev.errorcontract.runtime.server.RetryAfter;

/**
 * An error of the contract, as an exception.
 * <p>
 * On the server, throw it from a resource and the extension renders it. A cause, when given, is logged with the error
 * and never shown to the caller:
 *
 * <pre>{@code
 * throw ApiException.notFound("Task " + id + " does not exist");
 * throw ApiException.locked("Task " + id + " is being processed", Duration.ofSeconds(5));
 * throw ApiException.serviceUnavailable("Payments are down", Duration.ofSeconds(30)).initCause(e);
 * }</pre>
 *
 * On a REST client, every non-2xx response arrives as one, typed by family, with the response headers and the raw body:
 *
 * <pre>{@code
 * try {
 *     tasks.create(task);
 * } catch (ApiException.TooManyRequests e) {
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
    private final Origin origin;

    /**
     * Where a received error came from: the REST client interface, the request method and the
     * {@code Idempotency-Key} the request carried ({@code null} when none).
     */
    public record Origin(String client, String method, String idempotencyKey) {
    }

    /** What an exception is made of, so that the family subtypes need one constructor each. */
    private record Parts(ApiError error, Map<String, List<String>> headers, String rawBody, Throwable cause,
            Origin origin) {
    }

    /** An exception for the given error; prefer the factory methods, which pick the family subtype. */
    public ApiException(ApiError error) {
        this(error, null);
    }

    /** An exception for the given error, caused by another; the cause is logged, never rendered. */
    public ApiException(ApiError error, Throwable cause) {
        this(new Parts(error, Map.of(), null, cause, null));
    }

    private ApiException(Parts parts) {
        super(message(parts.error()));
        if (parts.cause() != null) {
            super.initCause(parts.cause()); // without one, initCause stays possible later
        }
        this.error = parts.error();
        this.headers = parts.headers() == null || parts.headers().isEmpty() ? Map.of()
                : caseInsensitiveCopy(parts.headers());
        this.rawBody = parts.rawBody();
        this.origin = parts.origin();
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
        return origin != null;
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

    /**
     * Sets the cause, once, as {@link Throwable#initCause} does, and returns this exception, so that a factory's
     * result can be thrown with a cause: {@code throw ApiException.conflict("...").initCause(e)}.
     */
    @Override
    public synchronized ApiException initCause(Throwable cause) {
        super.initCause(cause);
        return this;
    }

    // ---- factories: the returned type is the family subtype of the status ----

    /** An error with any status and code. */
    public static ApiException of(int status, String code, String detail) {
        return of(ApiError.of(status, code, detail));
    }

    /** The exception of the family subtype for an error. */
    public static ApiException of(ApiError error) {
        return create(new Parts(error, Map.of(), null, null, null));
    }

    /** The exception of the family subtype for an error, caused by another; the cause is logged, never rendered. */
    public static ApiException of(ApiError error, Throwable cause) {
        return create(new Parts(error, Map.of(), null, cause, null));
    }

    /**
     * The exception of the family subtype for an error, with headers for the response (for example rate-limit
     * headers); {@code Retry-After} comes from {@link ApiError#retryAfter()} and {@code Content-Type} from the renderer.
     */
    public static ApiException of(ApiError error, Map<String, List<String>> headers) {
        return create(new Parts(error, headers, null, null, null));
    }

    /**
     * The exception of the family subtype for an error received from another service, with its response headers and
     * raw body (see {@link #isReceived()}).
     */
    public static ApiException received(ApiError error, Map<String, List<String>> headers, String rawBody,
            Origin origin) {
        return create(new Parts(error, headers, rawBody, null, origin == null ? new Origin(null, null, null) : origin));
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

    /** 423 {@code locked}: the resource is busy; the caller may retry after the wait (whole seconds, rounded up). */
    public static Locked locked(String detail, Duration retryAfter) {
        return (Locked) of(ApiError.of(423, ErrorCodes.LOCKED, detail).withRetryAfter(RetryAfter.seconds(retryAfter)));
    }

    /** 503 {@code service_unavailable}; {@code retryAfter} may be {@code null} when the wait is not known. */
    public static Unavailable serviceUnavailable(String detail, Duration retryAfter) {
        return (Unavailable) of(ApiError.of(503, ErrorCodes.SERVICE_UNAVAILABLE, detail)
                .withRetryAfter(retryAfter == null ? null : RetryAfter.seconds(retryAfter)));
    }

    private static ApiException create(Parts parts) {
        int status = parts.error().status();
        boolean validation = status == 422 || ErrorCodes.VALIDATION_ERROR.equals(parts.error().code());
        return status == 404 ? new NotFound(parts)
                : status == 409 ? new Conflict(parts)
                        : validation ? new ValidationFailed(parts)
                                : status == 423 ? new Locked(parts)
                                        : status == 429 ? new TooManyRequests(parts)
                                                : status == 503 ? new Unavailable(parts)
                                                        : status >= 500 ? new ServerError(parts)
                                                                : new ApiException(parts);
    }

    private static String message(ApiError error) {
        String message = error.status() + " " + error.code();
        return error.detail() == null ? message : message + ": " + error.detail();
    }

    private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** 404: the resource does not exist (or is concealed). */
    public static class NotFound extends ApiException {
        private NotFound(Parts parts) {
            super(parts);
        }
    }

    /** 409: a state conflict, including the idempotency conflicts. */
    public static class Conflict extends ApiException {
        private Conflict(Parts parts) {
            super(parts);
        }
    }

    /**
     * 422 (or a {@code validation_error} with another status): the request failed validation; see {@link ApiError#errors()}.
     */
    public static class ValidationFailed extends ApiException {
        private ValidationFailed(Parts parts) {
            super(parts);
        }
    }

    /** 423: the resource is busy; retry after {@link #retryAfter()}. */
    public static class Locked extends ApiException {
        private Locked(Parts parts) {
            super(parts);
        }
    }

    /**
     * 429 Too Many Requests: a rate limit is used up; retry after {@link #retryAfter()}. A received one also tells the
     * limit from the {@code RateLimit-Limit/-Remaining/-Reset} headers or the IETF {@code RateLimit} field.
     */
    public static class TooManyRequests extends ApiException {
        private TooManyRequests(Parts parts) {
            super(parts);
        }

        /** The permits per period of the limit, from {@code RateLimit-Limit}. */
        public OptionalLong limit() {
            return RateLimitHeaders.limit(this::header);
        }

        /** The permits left, from {@code RateLimit-Remaining} or the {@code r} parameter of {@code RateLimit}. */
        public OptionalLong remaining() {
            return RateLimitHeaders.remaining(this::header);
        }

        /** Seconds until the limit resets, from {@code RateLimit-Reset} or the {@code t} parameter of {@code RateLimit}. */
        public OptionalLong reset() {
            return RateLimitHeaders.reset(this::header);
        }

        /** The {@code RateLimit-Policy} field as sent, for example {@code "api";q=90;w=60}. */
        public Optional<String> policy() {
            return header(RateLimitHeaders.POLICY);
        }
    }

    /** 503: the service is unavailable (maintenance, open circuit, overload). */
    public static class Unavailable extends ApiException {
        private Unavailable(Parts parts) {
            super(parts);
        }
    }

    /** 5xx other than 503: the server failed. */
    public static class ServerError extends ApiException {
        private ServerError(Parts parts) {
            super(parts);
        }
    }
}
