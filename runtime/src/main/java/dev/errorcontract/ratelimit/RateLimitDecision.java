package dev.errorcontract.ratelimit;

import java.util.List;

/**
 * The outcome of one rate-limit check, with what the response headers report.
 *
 * @param allowed whether the request may proceed
 * @param bucket the bucket's name
 * @param limit the permits per period of the limit closest to being used up
 * @param remaining the permits left in that limit
 * @param resetSeconds seconds until that limit is full again
 * @param retryAfterSeconds for a rejected request, whole seconds (at least 1) until a permit is back; 0 otherwise
 * @param policies every limit of the bucket, for the IETF {@code RateLimit-Policy} field
 */
public record RateLimitDecision(boolean allowed, String bucket, long limit, long remaining, long resetSeconds,
        long retryAfterSeconds, List<Policy> policies) {

    /** One limit of a bucket: {@code permits} per {@code windowSeconds}. */
    public record Policy(long permits, long windowSeconds) {
    }

    /** Whole seconds, rounded up. */
    static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
