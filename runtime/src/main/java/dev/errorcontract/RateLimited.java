package dev.errorcontract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how often each caller may call a resource method (or every method of a resource class; a method's own
 * annotation wins). The bucket is configured:
 *
 * <pre>
 * {@code
 * &#64;RateLimited(bucket = "search")
 * &#64;GET
 * public List<Task> search(@QueryParam("q") String q) { ... }
 * }
 * </pre>
 *
 * <pre>
 * quarkus.error-contract.rate-limit.buckets.search.limits[0].permits=90
 * quarkus.error-contract.rate-limit.buckets.search.limits[0].period=1M
 * quarkus.error-contract.rate-limit.buckets.search.identity=api-key
 * </pre>
 *
 * A request over the limit gets 429 {@code rate_limit_exceeded} with {@code Retry-After}; every response of a limited
 * method carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RateLimited {

    /** The name of a bucket configured under {@code quarkus.error-contract.rate-limit.buckets}. */
    String bucket();

    /**
     * Takes a resource method (or class) out of the default bucket
     * ({@code quarkus.error-contract.rate-limit.default-bucket}), for example a health or login endpoint.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD })
    @interface Exempt {
    }
}
