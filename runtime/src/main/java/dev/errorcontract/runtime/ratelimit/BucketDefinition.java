package dev.errorcontract.runtime.ratelimit;

import java.util.List;

import io.github.bucket4j.BucketConfiguration;

/** A configured bucket, ready for Bucket4j. */
record BucketDefinition(String name, BucketConfiguration configuration, List<RateLimitDecision.Policy> policies,
        String identity) {
}
