package dev.errorcontract.runtime.ratelimit;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import dev.errorcontract.runtime.server.ResourceMethodKey;

/**
 * The bucket of every rate-limited resource method, resolved at build time from {@code @RateLimited} wherever it is
 * written: the method, a method it implements or overrides, the class, a superclass or an interface.
 */
public final class RateLimitedMethods {

    /** Marks a method without {@code @RateLimited} and not exempt: the default bucket applies, if one is configured. */
    public static final String DEFAULT_BUCKET = "<default>";
    private static final String EXEMPT = "";

    private final Map<ResourceMethodKey, String> bucketByMethod;
    private final Map<ResteasyReactiveResourceInfo, String> bucketByResource = new ConcurrentHashMap<>();

    public RateLimitedMethods(Map<ResourceMethodKey, String> bucketByMethod) {
        this.bucketByMethod = Map.copyOf(bucketByMethod);
    }

    /** The bucket of a resource method, {@link #DEFAULT_BUCKET}, or {@code null} when it is exempt. */
    String bucketFor(ResteasyReactiveResourceInfo resource) {
        String bucket = bucketByResource.computeIfAbsent(resource,
                info -> bucketByMethod.getOrDefault(ResourceMethodKey.of(info), EXEMPT));
        return bucket.isEmpty() ? null : bucket;
    }

    /** The buckets named by annotations. */
    Set<String> namedBuckets() {
        Set<String> named = new TreeSet<>(bucketByMethod.values());
        named.remove(DEFAULT_BUCKET);
        return named;
    }
}
