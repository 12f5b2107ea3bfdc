package dev.errorcontract.runtime.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.ErrorRenderer;
import dev.errorcontract.runtime.config.ErrorContractConfig;
import dev.errorcontract.runtime.devui.DevActivity;
import dev.errorcontract.runtime.metrics.ContractMetrics;
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

    /** Headers the rendering owns, never taken from an exception. */
    private static final Set<String> OWNED_HEADERS = Set.of("content-type", "content-length", "transfer-encoding",
            "retry-after");

    private final ErrorRenderer renderer;
    private final ObjectMapper objectMapper;
    private final AllowedMethods allowedMethods;
    private final ContractMetrics metrics;
    private final ErrorMessages messages;
    private final FailureClassifier classifier;
    private final ParameterSources parameterSources;

    /** Only in dev mode, for the Dev UI card; otherwise {@code null}. */
    private final DevActivity devActivity;

    ErrorResponses(ErrorRenderer renderer, ObjectMapper objectMapper, DeclaredExceptions declaredExceptions,
            AllowedMethods allowedMethods, ParameterSources parameterSources, ContractMetrics metrics,
            ErrorContractConfig config, Instance<DevActivity> devActivity) {
        this.messages = new ErrorMessages(config.languages());
        this.classifier = new FailureClassifier(declaredExceptions, config.security().concealForbiddenAsNotFound());
        this.parameterSources = parameterSources;
        this.devActivity = devActivity.isResolvable() ? devActivity.get() : null;
        this.renderer = renderer;
        this.objectMapper = objectMapper;
        this.allowedMethods = allowedMethods;
        this.metrics = metrics;
    }

    /** The contract response for an exception raised while serving the request, logged as the contract says. */
    public Response toResponse(Throwable failure, RoutingContext context) {
        return toResponse(new FailureClassifier.Failure(failure, FailureClassifier.Phase.RESOURCE), context);
    }

    /** The contract response for a failure of a Quarkus REST request, which knows its phase. */
    public Response toResponse(Throwable failure, ServerRequestContext context) {
        RoutingContext routingContext = RoutingContexts.of(context);
        if (context != null && context.serverResponse().headWritten()) {
            if (routingContext != null && routingContext.response().ended()
                    && routingContext.response().getStatusCode() == 413) {
                // Quarkus REST answered a chunked body over the limit itself, then threw: nothing more to say
                LOG.debugf("request_id=%s %s after Quarkus's 413: %s", RequestIds.of(routingContext),
                        routingContext.normalizedPath(), failure);
            } else {
                // part of the response is sent: cut the connection (no final chunk), so that the caller sees it is
                // truncated instead of a complete answer with something appended
                FailureClassifier.Classified unexpected = FailureClassifier.unexpected(failure);
                record(complete(unexpected.error(), routingContext), unexpected, routingContext, null);
            }
            TruncatedResponses.abort(routingContext);
            if (context instanceof ResteasyReactiveRequestContext requestContext) {
                requestContext.resetBuildTimeSerialization();
            }
            return Response.status(500).build();
        }
        if (context instanceof ResteasyReactiveRequestContext requestContext) {
            // the endpoint's own writer (chosen at build time) must not write the error body
            requestContext.resetBuildTimeSerialization();
        }
        return toResponse(RequestFailures.of(failure, context, parameterSources), routingContext);
    }

    Response toResponse(FailureClassifier.Failure failure, RoutingContext context) {
        if (FailureClassifier.isNonError(failure.failure())) {
            return ((WebApplicationException) failure.failure()).getResponse(); // a redirect carried by an exception
        }
        FailureClassifier.Classified classified = classify(failure, context);
        Map<String, List<String>> headers = classified.headers();
        if (classified.error().status() == 405 && context != null
                && headers.keySet().stream().noneMatch("allow"::equalsIgnoreCase)) {
            String allow = allowedMethods.allowFor(context.normalizedPath());
            if (allow != null) {
                headers = new java.util.LinkedHashMap<>(headers);
                headers.put("Allow", List.of(allow));
                classified = new FailureClassifier.Classified(classified.error(), headers, classified.unexpected(),
                        classified.cause());
            }
        }
        return toResponse(classified, context);
    }

    /**
     * The contract response for an error; {@code cause} is the unexpected exception behind a 5xx, logged with its
     * stack trace, or {@code null}.
     */
    public Response toResponse(ApiError error, Map<String, List<String>> headers, Throwable cause,
            RoutingContext context) {
        return toResponse(new FailureClassifier.Classified(error, headers, cause), context);
    }

    /** The contract response for a classified failure, logged as the contract says. */
    Response toResponse(FailureClassifier.Classified classified, RoutingContext context) {
        Rendered rendered = render(classified, context);
        Response.ResponseBuilder response = Response.status(rendered.error().status()).entity(rendered.body());
        rendered.headers().forEach(header -> response.header(header.getKey(), header.getValue()));
        return response.build();
    }

    /** Writes the contract response straight to Vert.x, for failures that happen before Quarkus REST runs. */
    public void write(ApiError error, Map<String, List<String>> headers, Throwable cause, RoutingContext context) {
        write(new FailureClassifier.Classified(error, headers, cause), context);
    }

    /** Writes the contract response of a classified failure straight to Vert.x. */
    void write(FailureClassifier.Classified classified, RoutingContext context) {
        Rendered rendered = render(classified, context);
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(rendered.error().status());
        Set<String> replaced = new HashSet<>();
        for (Map.Entry<String, String> header : rendered.headers()) {
            // the error's headers replace what an earlier handler set, except Vary, which only grows
            if (!header.getKey().equalsIgnoreCase("Vary") && replaced.add(header.getKey().toLowerCase())) {
                response.headers().remove(header.getKey());
            }
            response.headers().add(header.getKey(), header.getValue());
        }
        response.end(Buffer.buffer(rendered.body()));
    }

    /** An error response as it is sent: the completed error, its body and every header it carries, in order. */
    private record Rendered(ApiError error, byte[] body, List<Map.Entry<String, String>> headers) {
    }

    /** The one rendering of an error response (both ways of sending it use it): completed, localised, logged. */
    private Rendered render(FailureClassifier.Classified classified, RoutingContext context) {
        Locale language = language(context);
        ApiError complete = localize(complete(classified.error(), context), language);
        byte[] body = body(complete);
        record(complete, classified, context, body);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", renderer.contentType(complete)));
        headers.add(Map.entry("Content-Language", language.toLanguageTag()));
        if (messages.isNegotiated()) {
            headers.add(Map.entry("Vary", "Accept-Language"));
        }
        classified.headers().forEach((name, values) -> {
            if (!OWNED_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> headers.add(Map.entry(name, value)));
            }
        });
        if (complete.retryAfter() != null) {
            headers.add(Map.entry("Retry-After", String.valueOf(complete.retryAfter())));
        }
        return new Rendered(complete, body, headers);
    }

    /**
     * One of the extension's own texts (a key of its message bundle, such as {@code detail.validation_error}) in the
     * language the response will be in.
     */
    public String message(RoutingContext context, String key, Object... arguments) {
        return messages.format(key, language(context), arguments);
    }

    /** What a failure is, in the contract's terms. */
    FailureClassifier.Classified classify(FailureClassifier.Failure failure, RoutingContext context) {
        return classifier.classify(failure, (key, arguments) -> message(context, key, arguments));
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
    private void record(ApiError error, FailureClassifier.Classified classified, RoutingContext context, byte[] body) {
        String method = context == null ? "-" : context.request().method().name();
        log(error, classified, method);
        metrics.error(error.status(), error.code());
        if (devActivity != null) {
            Map<String, List<String>> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            sent.putAll(classified.headers());
            if (error.retryAfter() != null) {
                sent.put("Retry-After", List.of(String.valueOf(error.retryAfter())));
            }
            devActivity.error(error, method, RoutingContexts.principalName(context), sent,
                    body == null ? null : new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * An unexpected exception at ERROR with its stack trace; a deliberate 5xx at WARN, a 4xx at DEBUG, each with the
     * cause the application gave it (if any).
     */
    private static void log(ApiError error, FailureClassifier.Classified classified, String method) {
        if (classified.unexpected() != null) {
            LOG.errorf(classified.unexpected(), "request_id=%s %s %s -> %d %s", error.requestId(), method,
                    error.instance(), error.status(), error.code());
        } else if (error.isServerError()) {
            LOG.warnf(classified.cause(), "request_id=%s %s %s -> %d %s: %s", error.requestId(), method,
                    error.instance(), error.status(), error.code(), error.detail());
        } else if (LOG.isDebugEnabled()) {
            LOG.debugf(classified.cause(), "request_id=%s %s %s -> %d %s: %s", error.requestId(), method,
                    error.instance(), error.status(), error.code(), error.detail());
        }
    }

}
