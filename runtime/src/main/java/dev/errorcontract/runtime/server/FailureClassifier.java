package dev.errorcontract.runtime.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.ResteasyReactiveClientProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.errorcontract.ApiError;
import dev.errorcontract.ApiException;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.FieldError;

/**
 * The one decision "which status and code does this failure get": by the exception and by the phase of the request it
 * happened in. Plain logic (no CDI, no Vert.x), so that it is unit-tested as such; every mapper and handler asks it
 * and renders its answer through {@link ErrorResponses}.
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
     * @param breakerDelay the {@code delay} in seconds of the {@code @CircuitBreaker} on the resource method, else
     *        {@code null}
     */
    public record Failure(Throwable failure, Phase phase, FieldError badParameter, Long breakerDelay) {
        public Failure(Throwable failure, Phase phase) {
            this(failure, phase, null, null);
        }
    }

    /**
     * An exception in the contract's terms.
     *
     * @param headers headers of the response besides the contract's own
     * @param unexpected the exception to log at ERROR with its stack trace, or {@code null}
     */
    public record Classified(ApiError error, Map<String, List<String>> headers, Throwable unexpected) {
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
            return api.isReceived() ? downstream(502, failure) : new Classified(api.error(), api.headers(), null);
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
        JsonProcessingException json = jsonCause(failure);
        if (json != null) {
            if (input.phase() == Phase.READING && !(json instanceof InvalidDefinitionException)) {
                return malformedBody(json, texts);
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
        Classified faultTolerance = FaultTolerance.classify(failure, input.breakerDelay());
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
        for (Throwable current = failure.getCause(); current != null && current != current.getCause();
                current = current.getCause()) {
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

    private Classified malformedBody(JsonProcessingException json, Texts texts) {
        String field = json instanceof JsonMappingException mapping ? fieldPath(mapping.getPath()) : null;
        if (field == null) {
            return new Classified(ApiError.of(400, ErrorCodes.MALFORMED_BODY, texts.text("detail.malformed_body")),
                    Map.of(), null);
        }
        boolean missing = json instanceof MismatchedInputException && json.getMessage() != null
                && json.getMessage().startsWith("Missing required");
        FieldError error = FieldError.body(field, "invalid_type",
                texts.text(missing ? "field.required" : "field.invalid_type"));
        return new Classified(ApiError.of(400, ErrorCodes.MALFORMED_BODY,
                texts.text("detail.malformed_body.field", field)).withErrors(List.of(error)), Map.of(), null);
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

    private static JsonProcessingException jsonCause(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof JsonProcessingException json) {
                return json;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    /** The JSON path of a mapping failure as {@code items[0].sku}, or {@code null} when it is not about a field. */
    static String fieldPath(List<JsonMappingException.Reference> path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }

    static Long parseSeconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** SmallRye Fault Tolerance outcomes; its classes are only touched when the failure is one of them. */
    private static final class FaultTolerance {

        private static final String PACKAGE = "org.eclipse.microprofile.faulttolerance.exceptions.";

        static Classified classify(Throwable failure, Long breakerDelay) {
            if (!isA(failure, PACKAGE + "FaultToleranceException")) {
                return null;
            }
            if (isA(failure, "io.smallrye.faulttolerance.api.RateLimitException")) {
                long millis = Math.max(0, ((io.smallrye.faulttolerance.api.RateLimitException) failure)
                        .getRetryAfterMillis());
                long seconds = Math.max(1, (millis + 999) / 1000);
                return new Classified(ApiError.of(429, ErrorCodes.RATE_LIMIT_EXCEEDED, StandardDetails.of(429))
                        .withRetryAfter(seconds), Map.of(), null);
            }
            if (isA(failure, PACKAGE + "CircuitBreakerOpenException")) {
                Classified open = simple(503, null);
                return breakerDelay == null ? open
                        : new Classified(open.error().withRetryAfter(Math.max(1, breakerDelay)), Map.of(), null);
            }
            if (isA(failure, PACKAGE + "BulkheadException")) {
                return simple(503, null);
            }
            if (isA(failure, PACKAGE + "TimeoutException")) {
                return simple(504, null);
            }
            return null;
        }
    }
}
