package dev.errorcontract.runtime.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerResponseFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.errorcontract.ApiError;
import dev.errorcontract.runtime.config.IdempotencyConfig;
import dev.errorcontract.runtime.identity.CallerIdentities;
import dev.errorcontract.runtime.metrics.ContractMetrics;
import dev.errorcontract.runtime.server.ErrorResponses;
import dev.errorcontract.runtime.server.RequestIds;
import dev.errorcontract.runtime.server.RoutingContexts;
import io.quarkus.arc.WithCaching;
import io.vertx.ext.web.RoutingContext;

/**
 * Claims the idempotency key of a request before its method runs (or answers for it: replay, conflict, in progress),
 * and stores its response after. Collaborators are looked up on first use: Quarkus REST creates filters before
 * run-time configuration exists. What a refused request is told is {@link IdempotencyErrors}'s, reading the body
 * {@link RequestBodies}'s, a replay {@link Replays}'s.
 */
public final class IdempotencyFilters {

    static final String HEADER = "Idempotency-Key";
    private static final String PENDING = IdempotencyFilters.class.getName() + ".pending";
    private static final Logger LOG = Logger.getLogger("dev.errorcontract.idempotency");

    private record Pending(String caller, String storeKey, String fingerprint) {
    }

    private IdempotencyFilters() {
    }

    /** Whether a body of this media type is JSON (then fingerprinted by its content, and storable from an entity). */
    static boolean isJson(MediaType mediaType) {
        return mediaType != null && (mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json"));
    }

    @Singleton
    public static class Check implements ResteasyReactiveContainerRequestFilter {

        private final Instance<IdempotencyGuard> guard;
        private final Instance<CallerIdentities> identities;
        private final Instance<ErrorResponses> responses;
        private final Instance<ContractMetrics> metrics;
        private final Instance<ObjectMapper> objectMapper;

        Check(@WithCaching Instance<IdempotencyGuard> guard, @WithCaching Instance<CallerIdentities> identities,
                @WithCaching Instance<ErrorResponses> responses, @WithCaching Instance<ContractMetrics> metrics,
                @WithCaching Instance<ObjectMapper> objectMapper) {
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
            IdempotencyErrors errors = new IdempotencyErrors(responses.get(), routingContext);
            String header = context.getHeaderString(HEADER);
            if (header == null) {
                if (required) {
                    abort(context, routingContext, errors.keyMissing());
                }
                return;
            }
            String key = IdempotencyKeys.parse(header);
            if (key == null) {
                abort(context, routingContext, errors.keyInvalid());
                return;
            }
            String identity = identities.get().resolve(idempotency.config().identity(), context);
            context.suspend();
            try {
                RequestBodies.read(context, body -> claim(context, routingContext, errors, idempotency, identity, key,
                        body));
            } catch (Throwable failure) {
                context.resume(failure);
            }
        }

        private void claim(ResteasyReactiveContainerRequestContext context, RoutingContext routingContext,
                IdempotencyErrors errors, IdempotencyGuard idempotency, String identity, String key, byte[] body) {
            IdempotencyConfig config = idempotency.config();
            String fingerprint = idempotency.fingerprint(body, isJson(context.getMediaType()));
            String caller = idempotency.callerKey(identity);
            String storeKey = idempotency.storeKey(identity, context.getMethod(), context.getUriInfo().getPath(), key);
            idempotency.store().claim(caller, storeKey, fingerprint, config.lockTimeout()).subscribe().with(claim -> {
                if (!answer(context, routingContext, errors, claim, new Pending(caller, storeKey, fingerprint),
                        config)) {
                    context.resume();
                }
            }, failure -> {
                boolean reject = config.onStoreFailure() == IdempotencyConfig.OnStoreFailure.REJECT;
                idempotency.events().storeFailure(RequestIds.of(routingContext), context.getMethod(),
                        context.getUriInfo().getPath(), reject ? "refused with 503 rather than run without protection"
                                : "run without protection (on-store-failure=proceed)",
                        failure);
                if (reject) {
                    abort(context, routingContext, IdempotencyErrors.storeUnavailable(config.inProgressRetryAfter()));
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
                IdempotencyErrors errors, Claim claim, Pending pending, IdempotencyConfig config) {
            if (claim instanceof Claim.Claimed) {
                context.setProperty(PENDING, pending);
                return false;
            }
            if (claim instanceof Claim.InProgress inProgress && inProgress.fingerprint().equals(pending.fingerprint())) {
                metrics.get().idempotency("in_progress");
                abort(context, routingContext, errors.inProgress(config.inProgressRetryAfter()));
            } else if (claim instanceof Claim.Completed completed
                    && completed.fingerprint().equals(pending.fingerprint())) {
                metrics.get().idempotency("replayed");
                StoredResponse stored = completed.response();
                if (stored.body() == null) {
                    Map<String, List<String>> headers = new LinkedHashMap<>(stored.headers());
                    headers.put(Replays.REPLAYED_HEADER, List.of("true"));
                    context.abortWith(responses.get().toResponse(errors.responseNotKept(), headers, null,
                            routingContext));
                } else {
                    context.abortWith(Replays.replay(stored, RequestIds.of(routingContext), objectMapper.get()));
                }
            } else {
                metrics.get().idempotency("conflict");
                abort(context, routingContext, errors.keyReused());
            }
            return true;
        }

        private void abort(ResteasyReactiveContainerRequestContext context, RoutingContext routingContext, ApiError error) {
            context.abortWith(responses.get().toResponse(error, Map.of(), null, routingContext));
        }
    }

    @Singleton
    public static class Capture implements ResteasyReactiveContainerResponseFilter {

        private final Instance<IdempotencyGuard> guard;
        private final Instance<ObjectMapper> objectMapper;

        Capture(@WithCaching Instance<IdempotencyGuard> guard, @WithCaching Instance<ObjectMapper> objectMapper) {
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
            if (type == null || isJson(type)) {
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
