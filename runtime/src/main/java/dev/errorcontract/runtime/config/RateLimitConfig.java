package dev.errorcontract.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Rate limits: named buckets of limits, applied per caller to {@code @RateLimited} resource methods (and, with a
 * default bucket, to every resource method).
 * <p>
 * Bucket names are checked against the {@code @RateLimited} annotations when the application starts.
 */
@ConfigMapping(prefix = "quarkus.error-contract.rate-limit")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface RateLimitConfig {

    /** Whether rate limits are enforced at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * A bucket that applies to every resource method without {@code @RateLimited} or {@code @RateLimited.Exempt},
     * for example a bucket of 90 requests a minute per API key.
     */
    Optional<String> defaultBucket();

    /** The buckets, by name. */
    @ConfigDocMapKey("bucket")
    Map<String, Bucket> buckets();

    /** Which rate-limit headers responses carry. */
    @WithDefault("draft")
    HeaderStyle headers();

    /** Where bucket state is kept. */
    @WithDefault("local")
    Store store();

    /** The in-memory store. */
    Local local();

    /** The Redis store. */
    Redis redis();

    interface Bucket {
        /**
         * The limits of the bucket, all enforced together: a request passes only when every limit has a permit left,
         * and a rejected request takes a permit from none of them.
         */
        List<Limit> limits();

        /**
         * Who a limit counts for: {@code api-key} (the header of {@code quarkus.error-contract.identity.api-key-header},
         * kept only as a hash, and only when the application's security authenticated the request), {@code principal}
         * (the authenticated user), {@code address} (the client address), or {@code resolver:<identifier>} (a
         * {@code CallerIdentityResolver} bean with that {@code @Identifier}). A caller without that identity (no key,
         * or a key nobody accepted) is counted by address, so invented API keys do not buy fresh buckets. Checked at
         * start-up.
         */
        @WithDefault("api-key")
        String identity();
    }

    interface Limit {
        /** How many requests the limit allows per period (required, positive). */
        Long permits();

        /** The period, for example {@code 1M} or {@code 1S} or {@code PT1H}. */
        Duration period();

        /**
         * How permits come back: {@code greedy} (continuously, permits/period at a time as time passes) or
         * {@code interval} (all at once at the end of each period).
         */
        @WithDefault("greedy")
        Refill refill();
    }

    enum Refill {
        GREEDY,
        INTERVAL
    }

    enum HeaderStyle {
        /** {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset}. */
        DRAFT,
        /** The IETF draft's structured {@code RateLimit-Policy} and {@code RateLimit} fields. */
        IETF,
        /** Both. */
        BOTH
    }

    enum Store {
        /** In this instance's memory: limits hold per instance. */
        LOCAL,
        /** In Redis, through the Quarkus Redis client: limits hold across every instance that shares it. */
        REDIS
    }

    interface Local {
        /**
         * The most callers tracked at once. Past it, the least recently used caller's bucket is dropped (counted in
         * {@code error_contract_rate_limit_local_evictions_total}), so that a flood of new identities cannot exhaust
         * memory nor make an active caller forget its state; a dropped caller starts again with a full bucket.
         */
        @WithDefault("100000")
        int maxEntries();

        /** A caller's bucket is dropped after this long without requests. */
        @WithDefault("1H")
        Duration idleExpiry();
    }

    interface Redis {
        /** The prefix of the Redis keys. */
        @WithDefault("error-contract:rate-limit:")
        String keyPrefix();

        /** The name of the Quarkus Redis client to use; the default client when not set. */
        Optional<String> clientName();

        /**
         * What a request gets when Redis cannot be reached or does not answer within {@code timeout}: {@code allow}
         * (let through uncounted, logged and counted) or {@code reject} (503 {@code service_unavailable}).
         */
        @WithDefault("allow")
        OnFailure onFailure();

        /**
         * The deadline of each rate-limit check in Redis. A check that has no answer by then counts as a failure of
         * Redis and {@code on-failure} applies, so a hung or overloaded Redis delays a request by at most this long
         * ({@code quarkus.redis.timeout} does not bound a command that Redis accepted but does not answer).
         */
        @WithDefault("250ms")
        Duration timeout();
    }

    enum OnFailure {
        ALLOW,
        REJECT
    }
}
