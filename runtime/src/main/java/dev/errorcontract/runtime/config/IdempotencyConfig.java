package dev.errorcontract.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code @Idempotent} resource methods: how long keys are kept, whose they are, and where.
 */
@ConfigMapping(prefix = "quarkus.error-contract.idempotency")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface IdempotencyConfig {

    /** How long a completed request's response is kept for replay. */
    @WithDefault("24H")
    Duration retention();

    /**
     * How long a request may hold its key while it runs. After this, a request that crashed no longer blocks its key
     * and a retry runs again.
     */
    @WithDefault("30S")
    Duration lockTimeout();

    /** The {@code Retry-After} of a 409 {@code request_in_progress}, in whole seconds. */
    @WithDefault("1")
    long inProgressRetryAfter();

    /**
     * Whose keys they are: {@code api-key}, {@code principal}, {@code address} or {@code resolver:<identifier>}, as for
     * rate limits. Two callers using the same key never see each other's responses.
     */
    @WithDefault("api-key")
    String identity();

    /**
     * Whether 5xx responses are stored and replayed too. Off by default: the caller may retry a server error and get
     * another chance.
     */
    @WithDefault("false")
    boolean storeServerErrors();

    /** The response headers kept and replayed with the stored response (besides the content type). */
    @WithDefault("Location,Content-Location,ETag,Last-Modified")
    List<String> replayedHeaders();

    /**
     * The largest response body kept for replay, in either store. A larger response is sent to the caller as usual,
     * but only its outcome is kept: its key stays used (the method does not run again for it) and a retry gets 409
     * {@code conflict} with the replayed headers (such as {@code Location}) instead of the body. Counted as
     * the {@code error_contract.idempotency} outcome {@code response_too_large} and logged.
     */
    @WithDefault("256K")
    MemorySize maxResponseSize();

    /** Where keys are kept. */
    @WithDefault("memory")
    Store store();

    /** The in-memory store. */
    Memory memory();

    /** The Redis store. */
    Redis redis();

    /**
     * What a request with a key gets when the store cannot be reached: {@code reject} (503 {@code service_unavailable}
     * with {@code Retry-After}: it is not run without protection) or {@code proceed} (it runs, unprotected; logged).
     */
    @WithDefault("reject")
    OnStoreFailure onStoreFailure();

    enum Store {
        /** In this instance's memory. */
        MEMORY,
        /** In Redis, through the Quarkus Redis client: for several instances. */
        REDIS
    }

    enum OnStoreFailure {
        REJECT,
        PROCEED
    }

    interface Memory {
        /**
         * The most keys kept at once, all callers together. Past it, expired keys are dropped first, then the oldest
         * completed key of the caller holding the most keys; a key whose request still runs is never dropped. A
         * dropped key is forgotten before its retention ends (a retry with it runs again): counted as
         * the {@code error_contract.idempotency} outcome {@code evicted} and logged. Keep {@code retention} times the rate of
         * idempotent requests below this, or use {@code store=redis}.
         */
        @WithDefault("100000")
        int maxEntries();

        /**
         * The most keys one caller (as {@code identity} tells callers apart) keeps at once. Past it, that caller's own
         * oldest completed key is dropped, never another caller's.
         */
        @WithDefault("10000")
        int maxEntriesPerCaller();

        /**
         * The most response bytes (bodies and replayed headers) kept at once, all callers together. Past it, the
         * oldest stored bodies of the caller holding the most bytes are dropped; their keys are kept, so a retry with
         * them gets 409 {@code conflict} instead of running again. Counted as
         * the {@code error_contract.idempotency} outcome {@code body_dropped}.
         */
        @WithDefault("64M")
        MemorySize maxBytes();
    }

    interface Redis {
        /** The prefix of the Redis keys. */
        @WithDefault("error-contract:idempotency:")
        String keyPrefix();

        /** The name of the Quarkus Redis client to use; the default client when not set. */
        Optional<String> clientName();
    }
}
