package dev.errorcontract.runtime.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.ResteasyReactiveClientProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;

import dev.errorcontract.ApiError;
import dev.errorcontract.ApiException;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.FieldError;

/**
 * The one decision "which status and code does this failure get": by the exception and by the phase of the request it
 * happened in. Plain logic (no CDI, no Vert.x), so that it is unit-tested as such; every mapper, handler and filter
 * asks it (the filters for what a used-up limit or an unreachable store answers: {@link #rateLimited},
 * {@link #unavailable}) and renders its answer through {@link ErrorResponses}. Jackson's and fault tolerance's
 * failures are read by {@link JsonFailures} and {@link FaultToleranceFailures}.
 */
public final class FailureClassifier {

    /** Where in the life of a request a failure happened. */
    public enum Phase {
        /** Before a resource method was matched: no route, wrong verb, media types. */
        ROUTING,
        /** Authentication and authorization, in the HTTP layer or on the resource method. */
        SECURITY,
        /** Reading the request: parameters and the body, before the resource method runs. */
        READING,
        /** The resource method (and what it calls). */
        RESOURCE,
        /** Writing the response, after the resource method returned. */
        WRITING
    }

    /**
     * A failure to classify.
     *
     * @param failure the exception
     * @param phase where it happened
     * @param badParameter the query, header, cookie or form parameter that could not be converted, when the failure
     *        is such a conversion (found by the caller from the request), else {@code null}
     * @param breakerDelay the {@code delay} of the {@code @CircuitBreaker} on the resource method, else {@code null}
     */
    public record Failure(Throwable failure, Phase phase, FieldError badParameter, Duration breakerDelay) {
        public Failure(Throwable failure, Phase phase) {
            this(failure, phase, null, null);
        }
    }

    /**
     * An exception in the contract's terms.
     *
     * @param headers headers of the response besides the contract's own
     * @param unexpected the exception to log at ERROR with its stack trace, or {@code null}
     * @param cause the cause an application gave a deliberate error ({@code ApiException}), logged with it at the
     *        error's own level and never rendered, or {@code null}
     */
    public record Classified(ApiError error, Map<String, List<String>> headers, Throwable unexpected, Throwable cause) {
        public Classified(ApiError error, Map<String, List<String>> headers, Throwable unexpected) {
            this(error, headers, unexpected, null);
        }
    }

    /** The texts a classification needs (from the message bundles, in the caller's language). */
    public interface Texts {
        String text(String key, Object... arguments);
    }

    /** Headers of a WebApplicationException's response that belong to the contract response too. */
    private static final Set<String> KEPT_HEADERS = Set.of("allow", "www-authenticate");

    private static final String SECURITY = "io.quarkus.security.";

    private final DeclaredExceptions declaredExceptions;
    private final boolean concealForbidden;

    public FailureClassifier(DeclaredExceptions declaredExceptions, boolean concealForbidden) {
        this.declaredExceptions = declaredExceptions;
        this.concealForbidden = concealForbidden;
    }

    /** Whether an exception carries a non-error outcome (a redirect) that is passed on as it is. */
    public static boolean isNonError(Throwable failure) {
        return failure instanceof WebApplicationException wae && !(failure instanceof ResteasyReactiveClientProblem)
                && wae.getResponse() != null && wae.getResponse().getStatus() < 400
                && !(wae.getCause() instanceof JsonProcessingException);
    }

    public Classified classify(Failure input, Texts texts) {
        Throwable failure = input.failure();
        if (failure instanceof ApiException api) {
            return api.isReceived() ? downstream(502, failure)
                    : new Classified(api.error(), api.headers(), null, api.getCause());
        }
        if (failure instanceof ResteasyReactiveClientProblem) {
            return downstream(502, failure);
        }
        if (isA(failure, SECURITY + "AuthenticationFailedException") || isA(failure, SECURITY + "UnauthorizedException")
                || isA(failure, SECURITY + "AuthenticationCompletionException")) {
            return simple(401, null);
        }
        if (isA(failure, SECURITY + "ForbiddenException")) {
            return simple(concealForbidden ? 404 : 403, null);
        }
        JsonProcessingException json = JsonFailures.jsonCause(failure);
        if (json != null) {
            if (input.phase() == Phase.READING && !(json instanceof InvalidDefinitionException)) {
                return JsonFailures.malformedBody(json, texts);
            }
            return unexpected(failure);
        }
        if (failure instanceof WebApplicationException wae) {
            return webApplication(wae, input, texts);
        }
        Classified transport = transport(failure);
        if (transport != null) {
            return transport;
        }
        Classified faultTolerance = FaultToleranceFailures.classify(failure, input.breakerDelay());
        if (faultTolerance != null) {
            return faultTolerance;
        }
        DeclaredExceptions.Mapping declared = declaredExceptions.find(failure.getClass());
        if (declared != null) {
            return declared(declared, failure);
        }
        return unexpected(failure);
    }

    public static Classified unexpected(Throwable failure) {
        return new Classified(ApiError.of(500, ErrorCodes.INTERNAL_ERROR, StandardDetails.of(500)), Map.of(), failure);
    }

    /** An error of a status with its catalogue code and standard detail. */
    public static Classified simple(int status, Throwable unexpected) {
        return new Classified(ApiError.of(status, ErrorCodes.defaultCode(status), StandardDetails.of(status)), Map.of(),
                unexpected);
    }

    /** 429 {@code rate_limit_exceeded}: a rate limit is used up; the caller may retry after the wait. */
    public static Classified rateLimited(Duration retryAfter) {
        Classified limited = simple(429, null);
        return new Classified(limited.error().withRetryAfter(RetryAfter.seconds(retryAfter)), Map.of(), null);
    }

    /**
     * 503 {@code service_unavailable}: the service cannot answer now (an open circuit, a store it needs that failed);
     * {@code retryAfter} is {@code null} when the wait is not known.
     */
    public static Classified unavailable(Duration retryAfter) {
        Classified unavailable = simple(503, null);
        return retryAfter == null ? unavailable
                : new Classified(unavailable.error().withRetryAfter(RetryAfter.seconds(retryAfter)), Map.of(), null);
    }

    private Classified webApplication(WebApplicationException wae, Failure input, Texts texts) {
        Response original = wae.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (input.badParameter() != null && input.phase() == Phase.READING && (status == 404 || status == 400)
                && wae.getCause() != null && !FieldError.IN_PATH.equals(input.badParameter().in())) {
            return new Classified(ApiError.of(400, ErrorCodes.BAD_REQUEST, StandardDetails.of(400))
                    .withErrors(List.of(withMessage(input.badParameter(), texts))), Map.of(), null);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Long retryAfter = null;
        if (original != null) {
            for (Map.Entry<String, List<Object>> header : original.getHeaders().entrySet()) {
                String name = header.getKey().toLowerCase();
                if (KEPT_HEADERS.contains(name)) {
                    headers.put(header.getKey(), header.getValue().stream().map(String::valueOf).toList());
                } else if (name.equals("retry-after") && !header.getValue().isEmpty()) {
                    retryAfter = parseSeconds(String.valueOf(header.getValue().get(0)));
                }
            }
        }
        ApiError error = ApiError.of(status, ErrorCodes.defaultCode(status), StandardDetails.of(status))
                .withRetryAfter(retryAfter);
        // a 500 raised as an exception is a bug; 502, 503, 504, ... are said on purpose
        return new Classified(error, headers, status == 500 ? wae : null);
    }

    private static FieldError withMessage(FieldError error, Texts texts) {
        return error.message() != null ? error
                : new FieldError(error.field(), error.pointer(), error.in(), error.code(), texts.text("field.invalid_type"));
    }

    /**
     * A REST client that could not reach the other service: a refused connection is 502, a timeout 504. The message
     * (host, port) is not shown.
     */
    private static Classified transport(Throwable failure) {
        if (!(failure instanceof ProcessingException)) {
            return null;
        }
        for (Throwable current = failure.getCause(); current != null
                && current != current.getCause(); current = current.getCause()) {
            String name = current.getClass().getName();
            if (current instanceof java.util.concurrent.TimeoutException || current instanceof java.net.SocketTimeoutException
                    || name.endsWith("TimeoutException")) {
                return new Classified(ApiError.of(504, ErrorCodes.GATEWAY_TIMEOUT, StandardDetails.of(504)), Map.of(),
                        failure);
            }
            if (current instanceof java.net.ConnectException || current instanceof java.net.UnknownHostException
                    || current instanceof java.net.NoRouteToHostException
                    || name.equals("io.vertx.core.http.HttpClosedException")) {
                return downstream(502, failure);
            }
        }
        return null;
    }

    private static Classified declared(DeclaredExceptions.Mapping mapping, Throwable failure) {
        if (mapping.status() >= 500) {
            return new Classified(ApiError.of(mapping.status(), mapping.code(), StandardDetails.of(mapping.status())),
                    Map.of(), failure);
        }
        String detail = mapping.exposeMessage() && failure.getMessage() != null ? failure.getMessage()
                : StandardDetails.of(mapping.status());
        return new Classified(ApiError.of(mapping.status(), mapping.code(), detail), Map.of(), null);
    }

    private static Classified downstream(int status, Throwable failure) {
        return new Classified(ApiError.of(status, ErrorCodes.defaultCode(status), StandardDetails.of(status)), Map.of(),
                failure);
    }

    /** Whether the exception is of the named type, by name: the optional libraries may be absent. */
    static boolean isA(Throwable failure, String className) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    static Long parseSeconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
