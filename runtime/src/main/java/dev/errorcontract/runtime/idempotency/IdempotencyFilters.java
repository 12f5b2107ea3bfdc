package dev.errorcontract.runtime.idempotency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.BlockingOperationSupport;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerResponseFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.runtime.config.IdempotencyConfig;
import dev.errorcontract.runtime.identity.CallerIdentities;
import dev.errorcontract.runtime.metrics.ContractMetrics;
import dev.errorcontract.runtime.server.ErrorResponses;
import dev.errorcontract.runtime.server.RequestIds;
import dev.errorcontract.runtime.server.RoutingContexts;
import dev.errorcontract.runtime.server.StandardDetails;
import io.vertx.ext.web.RoutingContext;

/**
 * Claims the idempotency key of a request before its method runs (or answers for it: replay, conflict, in progress),
 * and stores its response after. Collaborators are looked up on first use: Quarkus REST creates filters before
 * run-time configuration exists.
 */
public final class IdempotencyFilters {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String PENDING = IdempotencyFilters.class.getName() + ".pending";
    private static final Logger LOG = Logger.getLogger("dev.errorcontract.idempotency");

    private record Pending(String caller, String storeKey, String fingerprint) {
    }

    private IdempotencyFilters() {
    }

    @Singleton
    public static class Check implements ResteasyReactiveContainerRequestFilter {

        private final Instance<IdempotencyGuard> guard;
        private final Instance<CallerIdentities> identities;
        private final Instance<ErrorResponses> responses;
        private final Instance<ContractMetrics> metrics;
        private final Instance<ObjectMapper> objectMapper;

        Check(Instance<IdempotencyGuard> guard, Instance<CallerIdentities> identities,
                Instance<ErrorResponses> responses, Instance<ContractMetrics> metrics,
                Instance<ObjectMapper> objectMapper) {
            this.guard = guard;
            this.identities = identities;
            this.responses = responses;
            this.metrics = metrics;
            this.objectMapper = objectMapper;
        }

        @Override
        public void filter(ResteasyReactiveContainerRequestContext context) {
            ResteasyReactiveResourceInfo resource = context.getServerRequestContext().getResteasyReactiveResourceInfo();
            if (resource == null) {
                return;
            }
            IdempotencyGuard idempotency = guard.get();
            Boolean required = idempotency.requiresKey(resource);
            if (required == null) {
                return;
            }
            RoutingContext routingContext = RoutingContexts.of(context.getServerRequestContext());
            String header = context.getHeaderString(HEADER);
            if (header == null) {
                if (required) {
                    abort(context, routingContext, ApiError.of(400, ErrorCodes.IDEMPOTENCY_KEY_MISSING,
                            responses.get().message(routingContext, "detail.idempotency_key_missing")));
                }
                return;
            }
            String key = IdempotencyKeys.parse(header);
            if (key == null) {
                abort(context, routingContext, ApiError.of(400, ErrorCodes.BAD_REQUEST,
                        responses.get().message(routingContext, "detail.idempotency_key_invalid")));
                return;
            }
            String identity = identities.get().resolve(idempotency.config().identity(), context);
            context.suspend();
            try {
                readBody(context, body -> claim(context, routingContext, idempotency, identity, key, body));
            } catch (Throwable failure) {
                context.resume(failure);
            }
        }

        private void claim(ResteasyReactiveContainerRequestContext context, RoutingContext routingContext,
                IdempotencyGuard idempotency, String identity, String key, byte[] body) {
            IdempotencyConfig config = idempotency.config();
            String fingerprint = idempotency.fingerprint(body, isJson(context.getMediaType()));
            String caller = idempotency.callerKey(identity);
            String storeKey = idempotency.storeKey(identity, context.getMethod(), context.getUriInfo().getPath(), key);
            idempotency.store().claim(caller, storeKey, fingerprint, config.lockTimeout()).subscribe().with(claim -> {
                if (!answer(context, routingContext, claim, new Pending(caller, storeKey, fingerprint), config)) {
                    context.resume();
                }
            }, failure -> {
                boolean reject = config.onStoreFailure() == IdempotencyConfig.OnStoreFailure.REJECT;
                idempotency.events().storeFailure(RequestIds.of(routingContext), context.getMethod(),
                        context.getUriInfo().getPath(), reject ? "refused with 503 rather than run without protection"
                                : "run without protection (on-store-failure=proceed)",
                        failure);
                if (reject) {
                    abort(context, routingContext, ApiError.of(503, ErrorCodes.SERVICE_UNAVAILABLE,
                            StandardDetails.of(503)).withRetryAfter(Math.max(1, config.inProgressRetryAfter())));
                } else {
                    context.resume();
                }
            });
        }

        /**
         * Acts on the store's answer; {@code true} when the request was answered here ({@code abortWith} resumes a
         * suspended request itself, so it must not be resumed again).
         */
        private boolean answer(ResteasyReactiveContainerRequestContext context, RoutingContext routingContext,
                Claim claim, Pending pending, IdempotencyConfig config) {
            if (claim instanceof Claim.Claimed) {
                context.setProperty(PENDING, pending);
                return false;
            }
            if (claim instanceof Claim.InProgress inProgress && inProgress.fingerprint().equals(pending.fingerprint())) {
                metrics.get().idempotency("in_progress");
                abort(context, routingContext, ApiError.of(409, ErrorCodes.REQUEST_IN_PROGRESS,
                        responses.get().message(routingContext, "detail.request_in_progress"))
                        .withRetryAfter(Math.max(1, config.inProgressRetryAfter())));
            } else if (claim instanceof Claim.Completed completed
                    && completed.fingerprint().equals(pending.fingerprint())) {
                metrics.get().idempotency("replayed");
                StoredResponse stored = completed.response();
                if (stored.body() == null) {
                    Map<String, List<String>> headers = new LinkedHashMap<>(stored.headers());
                    headers.put(REPLAYED_HEADER, List.of("true"));
                    context.abortWith(responses.get().toResponse(ApiError.of(409, ErrorCodes.CONFLICT,
                            responses.get().message(routingContext, "detail.idempotency_response_not_kept")),
                            headers, null, routingContext));
                } else {
                    context.abortWith(replay(stored, RequestIds.of(routingContext)));
                }
            } else {
                metrics.get().idempotency("conflict");
                abort(context, routingContext, ApiError.of(409, ErrorCodes.IDEMPOTENCY_CONFLICT,
                        responses.get().message(routingContext, "detail.idempotency_conflict")));
            }
            return true;
        }

        private void abort(ResteasyReactiveContainerRequestContext context, RoutingContext routingContext, ApiError error) {
            context.abortWith(responses.get().toResponse(error, Map.of(), null, routingContext));
        }

        /**
         * Reads the whole body, then hands it on; the body stays readable for the method. On a worker thread (a
         * blocking method) it is read as a stream. On the I/O thread (a method returning {@code Uni} or
         * {@code CompletionStage}, or {@code @NonBlocking}) filters run before Quarkus REST reads the body, and a
         * blocking read is not allowed there: the body is then collected from Vert.x as it arrives.
         */
        private static void readBody(ResteasyReactiveContainerRequestContext context, Consumer<byte[]> then)
                throws IOException {
            ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context.getServerRequestContext();
            if (request.hasInputStream() || BlockingOperationSupport.isBlockingAllowed()) {
                byte[] body = context.getEntityStream().readAllBytes();
                context.setEntityStream(new ByteArrayInputStream(body));
                then.accept(body);
                return;
            }
            ServerHttpRequest http = request.serverRequest();
            BodyCollector collector = new BodyCollector(context, body -> {
                request.setInputStream(new ByteArrayInputStream(body));
                then.accept(body);
            });
            if (http.isRequestEnded()) {
                http.resumeRequestInput();
                collector.done();
            } else {
                http.setReadListener(collector);
                http.resumeRequestInput();
            }
        }

        private static boolean isJson(MediaType mediaType) {
            return mediaType != null && (mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json"));
        }

        private Response replay(StoredResponse stored, String requestId) {
            Response.ResponseBuilder replay = Response.status(stored.status());
            stored.headers().forEach((name, values) -> values.forEach(value -> replay.header(name, value)));
            if (stored.contentType() != null) {
                replay.header("Content-Type", stored.contentType());
            }
            return replay.header(REPLAYED_HEADER, "true").entity(withRequestId(stored, requestId)).build();
        }

        /**
         * The body of a replayed error carries the retry's request id, as its {@code X-Request-Id} header does: every
         * JSON string in it equal to the first request's id is replaced. Success bodies are replayed as stored.
         */
        private byte[] withRequestId(StoredResponse stored, String requestId) {
            if (stored.status() < 400 || stored.requestId() == null || stored.requestId().equals(requestId)
                    || stored.contentType() == null || !isJson(MediaType.valueOf(stored.contentType()))) {
                return stored.body();
            }
            try {
                ObjectMapper mapper = objectMapper.get();
                JsonNode body = mapper.readTree(stored.body());
                return replaceText(body, stored.requestId(), requestId) ? mapper.writeValueAsBytes(body) : stored.body();
            } catch (IOException | RuntimeException e) {
                return stored.body();
            }
        }

        private static boolean replaceText(JsonNode node, String from, String to) {
            boolean replaced = false;
            if (node instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    JsonNode value = object.get(name);
                    if (value.isTextual() && value.asText().equals(from)) {
                        object.put(name, to);
                        replaced = true;
                    } else {
                        replaced |= replaceText(value, from, to);
                    }
                }
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isTextual() && array.get(i).asText().equals(from)) {
                        array.set(i, TextNode.valueOf(to));
                        replaced = true;
                    } else {
                        replaced |= replaceText(array.get(i), from, to);
                    }
                }
            }
            return replaced;
        }
    }

    /** Collects a request body from Vert.x on the I/O thread. */
    private static final class BodyCollector implements ServerHttpRequest.ReadCallback {
        private final ResteasyReactiveContainerRequestContext context;
        private final Consumer<byte[]> then;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        BodyCollector(ResteasyReactiveContainerRequestContext context, Consumer<byte[]> then) {
            this.context = context;
            this.then = then;
        }

        @Override
        public void data(ByteBuffer data) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            body.writeBytes(chunk);
        }

        @Override
        public void done() {
            try {
                then.accept(body.toByteArray());
            } catch (Throwable failure) {
                context.resume(failure);
            }
        }
    }

    @Singleton
    public static class Capture implements ResteasyReactiveContainerResponseFilter {

        private final Instance<IdempotencyGuard> guard;
        private final Instance<ObjectMapper> objectMapper;

        Capture(Instance<IdempotencyGuard> guard, Instance<ObjectMapper> objectMapper) {
            this.guard = guard;
            this.objectMapper = objectMapper;
        }

        @Override
        public void filter(ResteasyReactiveContainerRequestContext request, ContainerResponseContext response) {
            if (!(request.getProperty(PENDING) instanceof Pending pending)) {
                return;
            }
            request.removeProperty(PENDING);
            IdempotencyGuard idempotency = guard.get();
            IdempotencyConfig config = idempotency.config();
            byte[] body = response.getStatus() >= 500 && !config.storeServerErrors() ? null : body(response);
            RoutingContext routingContext = RoutingContexts.of(request.getServerRequestContext());
            String requestId = RequestIds.of(routingContext);
            long limit = config.maxResponseSize().asLongValue();
            if (body != null && body.length > limit) {
                idempotency.events().responseTooLarge(requestId, request.getMethod(), request.getUriInfo().getPath(),
                        body.length, limit);
            }
            request.suspend();
            var stored = body == null ? idempotency.store().release(pending.storeKey())
                    : idempotency.store().complete(pending.caller(), pending.storeKey(), pending.fingerprint(),
                            new StoredResponse(response.getStatus(), contentType(response),
                                    replayedHeaders(response, config.replayedHeaders()),
                                    body.length > limit ? null : body, requestId),
                            config.retention());
            stored.subscribe().with(ignored -> request.resume(), failure -> {
                idempotency.events().storeFailure(requestId, request.getMethod(), request.getUriInfo().getPath(),
                        body == null ? "the key could not be released (it frees itself after lock-timeout)"
                                : "the response could not be stored: a retry runs the method again after lock-timeout",
                        failure);
                request.resume();
            });
        }

        /** The bytes of the entity, or {@code null} when it cannot be stored (then the key is released). */
        private byte[] body(ContainerResponseContext response) {
            Object entity = response.getEntity();
            if (entity == null) {
                return new byte[0];
            }
            if (entity instanceof byte[] bytes) {
                return bytes;
            }
            if (entity instanceof String text) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            MediaType type = response.getMediaType();
            if (type == null || type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")) {
                try {
                    return objectMapper.get().writeValueAsBytes(entity);
                } catch (JsonProcessingException e) {
                    LOG.warnf("An @Idempotent response of type %s cannot be stored as JSON; its key is released",
                            entity.getClass().getName());
                    return null;
                }
            }
            LOG.warnf("An @Idempotent response of media type %s is not stored (only JSON, text and bytes are); "
                    + "its key is released", type);
            return null;
        }

        private static String contentType(ContainerResponseContext response) {
            MediaType type = response.getMediaType();
            return type == null ? null : type.toString();
        }

        private static Map<String, List<String>> replayedHeaders(ContainerResponseContext response, List<String> names) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : names) {
                List<String> values = response.getStringHeaders().get(name);
                if (values != null && !values.isEmpty()) {
                    headers.put(name, List.copyOf(values));
                }
            }
            return headers;
        }
    }
}
