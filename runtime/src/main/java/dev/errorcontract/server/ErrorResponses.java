package dev.errorcontract.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResteasyReactiveClientProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.errorcontract.ApiError;
import dev.errorcontract.ApiException;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.ErrorRenderer;
import dev.errorcontract.FieldError;
import dev.errorcontract.config.ErrorContractConfig;
import dev.errorcontract.devui.DevActivity;
import dev.errorcontract.metrics.ContractMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns failures into contract responses: classifies an exception into the error model, completes it with the
 * request's path and id, logs it, and renders it with the {@link ErrorRenderer} bean.
 */
@Singleton
public class ErrorResponses {

    static final Logger LOG = Logger.getLogger("dev.errorcontract");

    /** Headers of a WebApplicationException's response that belong to the contract response too. */
    private static final Set<String> KEPT_HEADERS = Set.of("allow", "www-authenticate");
    /** Headers the rendering owns, never taken from an exception. */
    private static final Set<String> OWNED_HEADERS = Set.of("content-type", "content-length", "transfer-encoding",
            "retry-after");

    private final ErrorRenderer renderer;
    private final ObjectMapper objectMapper;
    private final DeclaredExceptions declaredExceptions;
    private final AllowedMethods allowedMethods;
    private final ContractMetrics metrics;
    private final ErrorMessages messages;

    /** Only in dev mode, for the Dev UI card; otherwise {@code null}. */
    private final DevActivity devActivity;

    ErrorResponses(ErrorRenderer renderer, ObjectMapper objectMapper, DeclaredExceptions declaredExceptions,
            AllowedMethods allowedMethods, ContractMetrics metrics, ErrorContractConfig config,
            Instance<DevActivity> devActivity) {
        this.messages = new ErrorMessages(config.languages());
        this.devActivity = devActivity.isResolvable() ? devActivity.get() : null;
        this.renderer = renderer;
        this.objectMapper = objectMapper;
        this.declaredExceptions = declaredExceptions;
        this.allowedMethods = allowedMethods;
        this.metrics = metrics;
    }

    /** The contract response for an exception raised while serving the request, logged as the contract says. */
    public Response toResponse(Throwable failure, RoutingContext context) {
        if (failure instanceof WebApplicationException wae && !(failure instanceof ResteasyReactiveClientProblem)
                && wae.getResponse() != null && wae.getResponse().getStatus() < 400
                && !(wae.getCause() instanceof JsonProcessingException)) {
            return wae.getResponse(); // a redirect or other non-error outcome carried by an exception
        }
        Classified classified = classify(failure, context);
        return toResponse(classified.error(), classified.headers(), classified.unexpected(), context);
    }

    /**
     * The contract response for an error; {@code cause} is the unexpected exception behind a 5xx, logged with its
     * stack trace, or {@code null}.
     */
    public Response toResponse(ApiError error, Map<String, List<String>> headers, Throwable cause,
            RoutingContext context) {
        Locale language = language(context);
        ApiError complete = localize(complete(error, context), language);
        record(complete, cause, context);
        Response.ResponseBuilder response = Response.status(complete.status())
                .entity(body(complete))
                .header("Content-Type", renderer.contentType(complete))
                .header("Content-Language", language.toLanguageTag());
        headers.forEach((name, values) -> {
            if (!OWNED_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> response.header(name, value));
            }
        });
        if (complete.retryAfter() != null) {
            response.header("Retry-After", complete.retryAfter());
        }
        return response.build();
    }

    /** Writes the contract response straight to Vert.x, for failures that happen before Quarkus REST runs. */
    public void write(ApiError error, Map<String, List<String>> headers, Throwable cause, RoutingContext context) {
        Locale language = language(context);
        ApiError complete = localize(complete(error, context), language);
        record(complete, cause, context);
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(complete.status());
        headers.forEach((name, values) -> {
            if (!OWNED_HEADERS.contains(name.toLowerCase())) {
                response.headers().set(name, values);
            }
        });
        if (complete.retryAfter() != null) {
            response.headers().set("Retry-After", String.valueOf(complete.retryAfter()));
        }
        response.headers().set("Content-Type", renderer.contentType(complete));
        response.headers().set("Content-Language", language.toLanguageTag());
        response.end(Buffer.buffer(body(complete)));
    }

    /**
     * One of the extension's own texts (a key of its message bundle, such as {@code detail.validation_error}) in the
     * language the response will be in.
     */
    public String message(RoutingContext context, String key, Object... arguments) {
        return messages.format(key, language(context), arguments);
    }

    /** What a failure is, in the contract's terms. */
    Classified classify(Throwable failure, RoutingContext context) {
        if (failure instanceof ApiException api) {
            return api.isReceived() ? downstream(failure) : new Classified(api.error(), api.headers(), null);
        }
        if (failure instanceof ResteasyReactiveClientProblem) {
            return downstream(failure);
        }
        JsonProcessingException json = jsonCause(failure);
        if (json != null) {
            return json instanceof InvalidDefinitionException ? unexpected(failure) : malformedBody(json, context);
        }
        if (failure instanceof WebApplicationException wae) {
            return webApplication(wae, context);
        }
        DeclaredExceptions.Mapping declared = declaredExceptions.find(failure.getClass());
        if (declared != null) {
            return declared(declared, failure);
        }
        return unexpected(failure);
    }

    ApiError complete(ApiError error, RoutingContext context) {
        ApiError complete = error;
        if (complete.instance() == null && context != null) {
            complete = complete.withInstance(context.normalizedPath());
        }
        if (complete.requestId() == null) {
            complete = complete.withRequestId(RequestIds.of(context));
        }
        return complete;
    }

    private Locale language(RoutingContext context) {
        return messages.negotiate(context == null ? null : context.request().getHeader("Accept-Language"));
    }

    /** The extension's own title and detail in the caller's language; an application's texts stay as written. */
    private ApiError localize(ApiError error, Locale language) {
        ApiError localized = error;
        String defaultTitle = ErrorCodes.defaultTitle(error.status());
        if (defaultTitle.equals(error.title())) {
            localized = localized.withTitle(messages.title(error.status(), language, defaultTitle));
        }
        String standardDetail = StandardDetails.of(error.status());
        if (standardDetail != null && standardDetail.equals(error.detail())) {
            localized = localized.withDetail(messages.detail(error.status(), language, standardDetail));
        }
        return localized;
    }

    private byte[] body(ApiError error) {
        Object body = renderer.render(error);
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return objectMapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The error renderer produced a body that cannot be written as JSON", e);
        }
    }

    /** Logs, counts and, in dev mode, keeps an error response for the Dev UI. */
    private void record(ApiError error, Throwable cause, RoutingContext context) {
        String method = context == null ? "-" : context.request().method().name();
        log(error, cause, method);
        metrics.error(error.status(), error.code());
        if (devActivity != null) {
            devActivity.error(error, method);
        }
    }

    private static void log(ApiError error, Throwable cause, String method) {
        if (cause != null) {
            LOG.errorf(cause, "request_id=%s %s %s -> %d %s", error.requestId(), method, error.instance(),
                    error.status(), error.code());
        } else if (error.isServerError()) {
            LOG.warnf("request_id=%s %s %s -> %d %s: %s", error.requestId(), method, error.instance(), error.status(),
                    error.code(), error.detail());
        } else if (LOG.isDebugEnabled()) {
            LOG.debugf("request_id=%s %s %s -> %d %s: %s", error.requestId(), method, error.instance(),
                    error.status(), error.code(), error.detail());
        }
    }

    private Classified webApplication(WebApplicationException wae, RoutingContext context) {
        Response original = wae.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return unexpected(wae);
        }
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
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
        if (status == 405 && headers.keySet().stream().noneMatch("allow"::equalsIgnoreCase) && context != null) {
            String allow = allowedMethods.allowFor(context.normalizedPath());
            if (allow != null) {
                headers.put("Allow", List.of(allow));
            }
        }
        ApiError error = ApiError.of(status, ErrorCodes.defaultCode(status), StandardDetails.of(status))
                .withRetryAfter(retryAfter);
        return new Classified(error, headers, null);
    }

    private Classified malformedBody(JsonProcessingException json, RoutingContext context) {
        String field = json instanceof JsonMappingException mapping ? fieldPath(mapping.getPath()) : null;
        if (field == null) {
            return new Classified(ApiError.of(400, ErrorCodes.MALFORMED_BODY, message(context, "detail.malformed_body")),
                    Map.of(), null);
        }
        boolean missing = json instanceof MismatchedInputException && json.getMessage() != null
                && json.getMessage().startsWith("Missing required");
        FieldError error = FieldError.body(field, "invalid_type",
                message(context, missing ? "field.required" : "field.invalid_type"));
        return new Classified(ApiError.of(400, ErrorCodes.MALFORMED_BODY,
                message(context, "detail.malformed_body.field", field)).withErrors(List.of(error)), Map.of(), null);
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

    private static Classified downstream(Throwable failure) {
        return new Classified(ApiError.of(502, ErrorCodes.BAD_GATEWAY, StandardDetails.of(502)), Map.of(), failure);
    }

    static Classified unexpected(Throwable failure) {
        return new Classified(ApiError.of(500, ErrorCodes.INTERNAL_ERROR, StandardDetails.of(500)), Map.of(), failure);
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
    private static String fieldPath(List<JsonMappingException.Reference> path) {
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

    private static Long parseSeconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An exception in the contract's terms; {@code unexpected} is the exception to log with its stack trace. */
    record Classified(ApiError error, Map<String, List<String>> headers, Throwable unexpected) {
    }
}
