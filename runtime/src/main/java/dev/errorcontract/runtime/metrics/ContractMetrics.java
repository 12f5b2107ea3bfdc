package dev.errorcontract.runtime.metrics;

/**
 * What the extension counts. Recorded in Micrometer when the application has it, otherwise dropped; callers never
 * check which. Tag values are bounded: status codes, catalogue and declared error codes (others are counted as
 * {@code other}), bucket names, REST client interfaces, outcomes; never API keys or paths.
 */
public interface ContractMetrics {

    /** An error response was rendered. */
    void error(int status, String code);

    /** A rate-limit check allowed or rejected a request. */
    void rateLimit(String bucket, boolean allowed);

    /**
     * A rate-limit check could not ask its store ({@code reason} {@code timeout} or {@code error}), so the request was
     * let through uncounted or rejected by {@code on-failure}.
     */
    void rateLimitStoreFailure(String bucket, String reason, boolean allowed);

    /** The local rate-limit store was full and dropped the least recently used caller's bucket. */
    void rateLimitEviction();

    /** A REST client failure was retried, or not, by the contract. */
    void clientRetry(String client, boolean retried);

    /** A REST client's retry budget stopped a retry. */
    void retryBudgetExhausted(String client);

    /**
     * An idempotency key was answered for ({@code replayed}, {@code conflict}, {@code in_progress}), or its guarantee
     * was weakened or failed: {@code evicted} (forgotten early by the memory store), {@code body_dropped},
     * {@code response_too_large}, {@code store_failure}.
     */
    void idempotency(String outcome);
}
