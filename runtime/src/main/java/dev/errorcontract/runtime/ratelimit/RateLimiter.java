package dev.errorcontract.runtime.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import dev.errorcontract.runtime.config.RateLimitConfig;
import dev.errorcontract.runtime.metrics.ContractMetrics;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * The configured buckets and the decision for one request. Built at start-up, where a bucket without limits, a limit
 * that is not positive or a {@code @RateLimited} bucket that is not configured fails start-up with a message naming the
 * property (identity settings: {@code CallerIdentities}).
 */
@Singleton
@Startup
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger("dev.errorcontract.ratelimit");
    /** A request let through while the store is down: no permit was counted, so no headers are sent. */
    static final RateLimitDecision ALLOWED_UNCOUNTED = new RateLimitDecision(true, "", 0, 0, 0, 0, List.of(), 0);

    private static final String PREFIX = "quarkus.error-contract.rate-limit.buckets.\"";

    private final Map<String, BucketDefinition> buckets;
    private final LocalRateLimitStore localStore;
    private final RateLimitedMethods methods;
    private final boolean enabled;
    private final String defaultBucket;
    private final RateLimitConfig.HeaderStyle headerStyle;

    private final RedisRateLimitStore redisStore;
    private final RateLimitConfig.OnFailure onRedisFailure;
    private final Duration redisTimeout;
    private final ContractMetrics metrics;
    private final AtomicLong redisFailures = new AtomicLong();
    private volatile long lastFailureLogNanos;
    private final AtomicLong localEvictions = new AtomicLong();
    private volatile long lastEvictionLogNanos = System.nanoTime() - 60_000_000_001L;

    RateLimiter(RateLimitConfig config, RateLimitedMethods methods, Instance<RedisRateLimitStore> redisStores,
            ContractMetrics metrics) {
        this.metrics = metrics;
        this.buckets = definitions(config);
        this.methods = methods;
        this.defaultBucket = config.defaultBucket().orElse(null);
        this.enabled = config.enabled();
        this.headerStyle = config.headers();
        requireNamedBuckets(methods, buckets.keySet());
        config.defaultBucket().ifPresent(name -> {
            if (!buckets.containsKey(name)) {
                throw new ConfigurationException("quarkus.error-contract.rate-limit.default-bucket names bucket '" + name
                        + "', which is not configured under " + PREFIX + name + "\"");
            }
        });
        int maxEntries = config.local().maxEntries();
        if (maxEntries <= 0) {
            throw new ConfigurationException(
                    "quarkus.error-contract.rate-limit.local.max-entries must be positive, was " + maxEntries);
        }
        this.localStore = new LocalRateLimitStore(maxEntries, config.local().idleExpiry().toNanos(),
                () -> evicted(maxEntries));
        if (config.store() == RateLimitConfig.Store.REDIS) {
            if (!redisStores.isResolvable()) {
                throw new ConfigurationException("quarkus.error-contract.rate-limit.store=redis needs the "
                        + "quarkus-redis-client extension: add io.quarkus:quarkus-redis-client to the application");
            }
            this.redisStore = redisStores.get();
        } else {
            this.redisStore = null;
        }
        this.onRedisFailure = config.redis().onFailure();
        this.redisTimeout = config.redis().timeout();
        if (redisTimeout.isZero() || redisTimeout.isNegative()) {
            throw new ConfigurationException(
                    "quarkus.error-contract.rate-limit.redis.timeout must be positive, was " + redisTimeout);
        }
    }

    /** The bucket that limits a resource method, or {@code null} when none does. */
    public BucketDefinition bucketFor(ResteasyReactiveResourceInfo resource) {
        if (!enabled) {
            return null;
        }
        RateLimitedMethod method = methods.find(resource);
        if (method == null) {
            return null;
        }
        String name = method.underDefaultBucket() ? defaultBucket : method.bucket();
        return name == null ? null : buckets.get(name);
    }

    /**
     * The decision for one request when it is known without waiting: always with the local store; with Redis only
     * for a caller Redis refused until later (see {@link RedisRateLimitStore#knownRefusal}). {@code null} when Redis
     * must be asked: then {@link #tryConsume}.
     */
    public RateLimitDecision decideNow(BucketDefinition bucket, String identity) {
        return redisStore == null ? localStore.tryConsume(bucket, identity) : redisStore.knownRefusal(bucket, identity);
    }

    /**
     * Takes one permit from the bucket, in this instance's memory or in Redis. When Redis cannot be reached, the
     * request is allowed (without rate-limit headers; logged and counted) or, with {@code redis.on-failure=reject},
     * the decision is {@code null} and the caller answers 503. The future does not fail.
     */
    public Future<RateLimitDecision> tryConsume(BucketDefinition bucket, String identity) {
        RateLimitDecision known = decideNow(bucket, identity);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        Promise<RateLimitDecision> answer = Promise.promise();
        ScheduledFuture<?> deadline = timerOfThisThread().schedule(() -> answer.tryFail(new StoreTimeoutException()),
                redisTimeout.toNanos(), TimeUnit.NANOSECONDS);
        redisStore.tryConsume(bucket, identity).onComplete(result -> {
            deadline.cancel(false);
            if (result.succeeded()) {
                answer.tryComplete(result.result());
            } else {
                answer.tryFail(result.cause());
            }
        });
        return answer.future().otherwise(failure -> storeFailed(bucket, failure));
    }

    /** What a check that Redis did not answer gives: allowed uncounted, or {@code null} (reject, 503). */
    private RateLimitDecision storeFailed(BucketDefinition bucket, Throwable failure) {
        boolean timedOut = failure instanceof StoreTimeoutException;
        boolean allow = onRedisFailure == RateLimitConfig.OnFailure.ALLOW;
        metrics.rateLimitStoreFailure(bucket.name(), timedOut ? "timeout" : "error", allow);
        long failures = redisFailures.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastFailureLogNanos > 10_000_000_000L) {
            lastFailureLogNanos = now;
            LOG.warnf("Rate-limit store (Redis) %s, %s requests meanwhile (%d failures so far)%s",
                    timedOut ? "did not answer within " + redisTimeout.toMillis() + " ms" : "unreachable",
                    allow ? "allowing" : "rejecting", failures,
                    timedOut ? "" : ": " + failure.getMessage());
        }
        return allow ? ALLOWED_UNCOUNTED : null;
    }

    /**
     * Where the deadline of a Redis check runs: the event loop's own timers when the check starts on one (set and
     * cancelled by the loop itself, no other thread woken per request), else Mutiny's scheduler.
     */
    private static ScheduledExecutorService timerOfThisThread() {
        return Vertx.currentContext() instanceof ContextInternal context && context.isEventLoopContext()
                ? context.nettyEventLoop()
                : Infrastructure.getDefaultWorkerPool();
    }

    /** A rate-limit check in Redis that passed its deadline. */
    private static final class StoreTimeoutException extends RuntimeException {
        StoreTimeoutException() {
            super(null, null, false, false);
        }
    }

    private void evicted(int maxEntries) {
        metrics.rateLimitEviction();
        long evictions = localEvictions.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastEvictionLogNanos > 60_000_000_000L) {
            lastEvictionLogNanos = now;
            LOG.warnf("Rate-limit store (local) is full with %d callers: the least recently used callers' buckets are "
                    + "dropped and start again full (%d so far); raise quarkus.error-contract.rate-limit.local.max-entries "
                    + "or use store=redis", maxEntries, evictions);
        }
    }

    /** How many callers' buckets the local store dropped because it was full. */
    public long localEvictions() {
        return localEvictions.get();
    }

    /** How many rate-limit checks failed because Redis could not be reached. */
    public long storeFailures() {
        return redisFailures.get();
    }

    /** Which rate-limit headers responses carry. */
    public RateLimitConfig.HeaderStyle headerStyle() {
        return headerStyle;
    }

    /** How many callers the local store tracks now. */
    public int trackedCallers() {
        return localStore.size();
    }

    /** Each configured bucket with its limits and, for the local store, its callers now: for the Dev UI. */
    public List<RateLimitUsage> usage(int maxCallers) {
        List<RateLimitUsage> usage = new ArrayList<>();
        buckets.values().stream().sorted(Comparator.comparing(BucketDefinition::name)).forEach(bucket -> usage.add(
                new RateLimitUsage(bucket.name(), bucket.identity(), bucket.policies(), bucket.name().equals(defaultBucket),
                        redisStore != null ? "redis" : "local",
                        redisStore != null ? List.of() : localStore.callers(bucket.name(), maxCallers))));
        return usage;
    }

    /**
     * Every bucket a {@code @RateLimited} names is configured. Checked at start-up, not at build time: buckets are
     * run-time configuration.
     */
    private static void requireNamedBuckets(RateLimitedMethods methods, Set<String> configured) {
        List<String> unknown = new ArrayList<>();
        for (RateLimitedMethod method : methods.all()) {
            if (!method.underDefaultBucket() && !configured.contains(method.bucket())) {
                unknown.add(method.annotation() + ": no bucket '" + method.bucket() + "' is configured; add "
                        + "quarkus.error-contract.rate-limit.buckets." + method.bucket() + ".limits[0].permits and .period"
                        + (configured.isEmpty() ? ""
                                : " (configured buckets: " + String.join(", ", new TreeSet<>(configured))
                                        + ")"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(String.join("\n", unknown));
        }
    }

    private static Map<String, BucketDefinition> definitions(RateLimitConfig config) {
        Map<String, BucketDefinition> definitions = new HashMap<>();
        config.buckets().forEach((name, bucket) -> {
            String property = PREFIX + name + "\"";
            if (bucket.limits().isEmpty()) {
                throw new ConfigurationException(property + " has no limits: set " + property
                        + ".limits[0].permits and " + property + ".limits[0].period");
            }
            ConfigurationBuilder configuration = BucketConfiguration.builder();
            List<RateLimitDecision.Policy> policies = new ArrayList<>();
            for (int i = 0; i < bucket.limits().size(); i++) {
                RateLimitConfig.Limit limit = bucket.limits().get(i);
                String limitProperty = property + ".limits[" + i + "]";
                if (limit.permits() <= 0) {
                    throw new ConfigurationException(limitProperty + ".permits must be positive, was " + limit.permits());
                }
                if (limit.period().isZero() || limit.period().isNegative()) {
                    throw new ConfigurationException(limitProperty + ".period must be positive, was " + limit.period());
                }
                configuration.addLimit(builder -> {
                    var capacity = builder.capacity(limit.permits());
                    return limit.refill() == RateLimitConfig.Refill.GREEDY
                            ? capacity.refillGreedy(limit.permits(), limit.period())
                            : capacity.refillIntervally(limit.permits(), limit.period());
                });
                policies.add(new RateLimitDecision.Policy(limit.permits(), Math.max(1, limit.period().toSeconds())));
            }
            definitions.put(name, new BucketDefinition(name, configuration.build(), List.copyOf(policies),
                    bucket.identity()));
        });
        return definitions;
    }
}
