package dev.errorcontract.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerResponseFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.config.IdempotencyConfig;
import dev.errorcontract.identity.CallerIdentities;
import dev.errorcontract.metrics.ContractMetrics;
import dev.errorcontract.server.ErrorResponses;
import dev.errorcontract.server.RoutingContexts;
import dev.errorcontract.server.StandardDetails;
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

    private record Pending(String storeKey, String fingerprint) {
    }

    private IdempotencyFilters() {
    }

    @Singleton
    public static class Check implements ResteasyReactiveContainerRequestFilter {

        private final Instance<IdempotencyGuard> guard;
        private final Instance<CallerIdentities> identities;
        private final Instance<ErrorResponses> responses;
        private final Instance<ContractMetrics> metrics;

        Check(Instance<IdempotencyGuard> guard, Instance<CallerIdentities> identities,
                Instance<ErrorResponses> responses, Instance<ContractMetrics> metrics) {
            this.guard = guard;
            this.identities = identities;
            this.responses = responses;
            this.metrics = metrics;
        }

        @Override
        public void filter(ResteasyReactiveContainerRequestContext context) {
            ResteasyReactiveResourceInfo resource = context.getServerRequestContext().getResteasyReactiveResourceInfo();
            if (resource == null) {
                return;
            }
            IdempotencyGuard idempotency = guard.get();
            Boolean required = idempotency.requiresKey(resource.getResourceClass().getName(), resource.getName());
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
            byte[] body = readBody(context);
            String fingerprint = idempotency.fingerprint(body, isJson(context.getMediaType()));
            String identity = identities.get().resolve(idempotency.config().identity(), context);
            String storeKey = idempotency.storeKey(identity, context.getMethod(), context.getUriInfo().getPath(), key);
            IdempotencyConfig config = idempotency.config();
            context.suspend();
            // abortWith resumes a suspended request itself: resume only a request that goes on to the resource
            idempotency.store().claim(storeKey, fingerprint, config.lockTimeout()).subscribe().with(claim -> {
                if (!answer(context, routingContext, claim, storeKey, fingerprint, config)) {
                    context.resume();
                }
            }, failure -> {
                if (config.onStoreFailure() == IdempotencyConfig.OnStoreFailure.REJECT) {
                    LOG.errorf(failure, "Idempotency store failed: refusing %s %s", context.getMethod(),
                            context.getUriInfo().getPath());
                    abort(context, routingContext, ApiError.of(503, ErrorCodes.SERVICE_UNAVAILABLE,
                            StandardDetails.of(503)).withRetryAfter(config.inProgressRetryAfter()));
                } else {
                    LOG.errorf(failure, "Idempotency store failed: running %s %s without protection",
                            context.getMethod(), context.getUriInfo().getPath());
                    context.resume();
                }
            });
        }

        /** @return whether the request was aborted */
        private boolean answer(ResteasyReactiveContainerRequestContext context, RoutingContext routingContext, Claim claim,
                String storeKey, String fingerprint, IdempotencyConfig config) {
            if (claim instanceof Claim.Claimed) {
                context.setProperty(PENDING, new Pending(storeKey, fingerprint));
                return false;
            } else if (claim instanceof Claim.InProgress inProgress && inProgress.fingerprint().equals(fingerprint)) {
                metrics.get().idempotency("in_progress");
                abort(context, routingContext, ApiError.of(409, ErrorCodes.REQUEST_IN_PROGRESS,
                        responses.get().message(routingContext, "detail.request_in_progress"))
                        .withRetryAfter(Math.max(1, config.inProgressRetryAfter())));
            } else if (claim instanceof Claim.Completed completed && completed.fingerprint().equals(fingerprint)) {
                metrics.get().idempotency("replayed");
                context.abortWith(replay(completed.response()));
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

        private static byte[] readBody(ResteasyReactiveContainerRequestContext context) {
            try {
                byte[] body = context.getEntityStream().readAllBytes();
                context.setEntityStream(new ByteArrayInputStream(body));
                return body;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static boolean isJson(MediaType mediaType) {
            return mediaType != null && (mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json"));
        }

        private static Response replay(StoredResponse stored) {
            Response.ResponseBuilder replay = Response.status(stored.status());
            stored.headers().forEach((name, values) -> values.forEach(value -> replay.header(name, value)));
            if (stored.contentType() != null) {
                replay.header("Content-Type", stored.contentType());
            }
            return replay.header(REPLAYED_HEADER, "true").entity(stored.body()).build();
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
            request.suspend();
            var stored = body == null ? idempotency.store().release(pending.storeKey())
                    : idempotency.store().complete(pending.storeKey(), pending.fingerprint(),
                            new StoredResponse(response.getStatus(), contentType(response),
                                    replayedHeaders(response, config.replayedHeaders()), body),
                            config.retention());
            stored.subscribe().with(ignored -> request.resume(), failure -> {
                LOG.errorf(failure, "Could not store the response for an Idempotency-Key: a retry will run again");
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
