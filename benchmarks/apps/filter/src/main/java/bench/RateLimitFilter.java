package bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.HttpServerRequest;

/**
 * Rate limiting as an application writes it without an extension: Bucket4j buckets per API key (the client address
 * when there is none), in a cache bounded like the extension's local store, and a 429 with Retry-After.
 */
@Provider
@Throttled
@Priority(Priorities.AUTHORIZATION + 1)
public class RateLimitFilter implements ContainerRequestFilter {

    public record TooManyRequests(String error, long retryAfterSeconds) {
    }

    /** The same limits as the extension's benchmark application. */
    private static final Map<String, Limit> LIMITS = Map.of(
            "high", new Limit(100_000_000L, Duration.ofSeconds(1)),
            "low", new Limit(1, Duration.ofHours(1)));

    private record Limit(long permits, Duration period) {
        Bucket newBucket() {
            return Bucket.builder().addLimit(limit -> limit.capacity(permits).refillGreedy(permits, period)).build();
        }
    }

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServerRequest httpRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String name = resourceInfo.getResourceMethod().getAnnotation(Throttled.class).value();
        Limit limit = LIMITS.get(name);
        String apiKey = request.getHeaderString("X-API-Key");
        String caller = apiKey != null ? "key:" + apiKey : "addr:" + httpRequest.remoteAddress().hostAddress();
        Bucket bucket = buckets.get(name + '|' + caller, ignored -> limit.newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()));
            request.abortWith(Response.status(429)
                    .header("Retry-After", seconds)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new TooManyRequests("rate_limited", seconds))
                    .build());
        }
    }
}
