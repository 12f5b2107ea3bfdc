package dev.errorcontract.runtime.ratelimit;

import java.time.Duration;
import java.util.List;

import dev.errorcontract.runtime.server.RetryAfter;

/**
 * The outcome of one rate-limit check, with what the response headers report.
 *
 * @param allowed whether the request may proceed
 * @param bucket the bucket's name
 * @param limit the permits per period of the limit closest to being used up (the reported limit)
 * @param remaining the permits the caller has left: those of the reported limit
 * @param resetSeconds whole seconds, rounded up, until the caller has a permit more than {@code remaining} (the IETF
 *        draft's "until additional quota is made available"); for a rejected request the same as
 *        {@code retryAfterSeconds}
 * @param retryAfterSeconds for a rejected request, whole seconds (at least 1) until a permit is back; 0 otherwise
 * @param policies every limit of the bucket, for the IETF {@code RateLimit-Policy} field
 * @param policy the index of the reported limit in {@code policies}
 */
public record RateLimitDecision(boolean allowed, String bucket, long limit, long remaining, long resetSeconds,
        long retryAfterSeconds, List<Policy> policies, int policy) {

    static RateLimitDecision of(boolean allowed, BucketDefinition bucket, int policy, long limit, long remaining,
            long nextPermitNanos) {
        Duration nextPermit = Duration.ofNanos(nextPermitNanos);
        long reset = RetryAfter.ceilSeconds(nextPermit);
        long retryAfter = allowed ? 0 : RetryAfter.seconds(nextPermit);
        return new RateLimitDecision(allowed, bucket.name(), limit, remaining, allowed ? reset : retryAfter, retryAfter,
                bucket.policies(), policy);
    }

    /** The IETF policy name of limit {@code index}: the bucket's name, or with several limits {@code <bucket>-<index>}. */
    public String policyName(int index) {
        return policies.size() == 1 ? bucket : bucket + "-" + index;
    }

    /** One limit of a bucket: {@code permits} per {@code windowSeconds}. */
    public record Policy(long permits, long windowSeconds) {
    }
}
