package dev.errorcontract.runtime.ratelimit;

import java.util.List;

/**
 * A configured bucket as the Dev UI shows it.
 *
 * @param name the bucket's name
 * @param identity who a bucket is kept for: {@code api-key}, {@code principal}, {@code address} or a resolver
 * @param limits every limit of the bucket
 * @param isDefault whether resource methods without {@code @RateLimited} use it
 * @param store {@code local} or {@code redis}
 * @param callers the callers tracked in this instance's memory, fewest permits left first; empty with Redis
 */
public record RateLimitUsage(String name, String identity, List<RateLimitDecision.Policy> limits, boolean isDefault,
        String store, List<Caller> callers) {

    /**
     * @param identity the caller as the bucket knows it: an API key only as its hash
     * @param remaining permits left under the limit closest to being used up
     */
    public record Caller(String identity, long remaining) {
    }
}
