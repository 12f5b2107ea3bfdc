package dev.errorcontract.ratelimit;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bucket of every rate-limited resource method, resolved at build time from {@code @RateLimited} on methods and
 * classes.
 */
public final class RateLimitedMethods {

    /** Marks a method without {@code @RateLimited} and not exempt: the default bucket applies, if one is configured. */
    public static final String DEFAULT_BUCKET = "<default>";

    private final Map<String, String> bucketByMethod;

    public RateLimitedMethods(Map<String, String> bucketByMethod) {
        this.bucketByMethod = Map.copyOf(bucketByMethod);
    }

    /** The bucket of a resource method, {@link #DEFAULT_BUCKET}, or {@code null} when it is exempt. */
    String bucketFor(String className, String methodName) {
        return bucketByMethod.get(key(className, methodName));
    }

    /** The buckets named by annotations. */
    Set<String> namedBuckets() {
        Set<String> named = new TreeSet<>(bucketByMethod.values());
        named.remove(DEFAULT_BUCKET);
        return named;
    }

    public static String key(String className, String methodName) {
        return className + '#' + methodName;
    }
}
