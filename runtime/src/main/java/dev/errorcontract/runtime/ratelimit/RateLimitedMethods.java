package dev.errorcontract.runtime.ratelimit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import dev.errorcontract.runtime.server.ResourceMethodKey;

/**
 * The rate-limited resource methods, resolved at build time from {@code @RateLimited} wherever it is written: the
 * method, a method it implements or overrides, the class, a superclass or an interface. An exempt method is not
 * listed.
 */
public final class RateLimitedMethods {

    private final List<RateLimitedMethod> methods;
    private final Map<ResourceMethodKey, RateLimitedMethod> byKey = new HashMap<>();
    private final Map<ResteasyReactiveResourceInfo, Optional<RateLimitedMethod>> byResource = new ConcurrentHashMap<>();

    public RateLimitedMethods(List<RateLimitedMethod> methods) {
        this.methods = List.copyOf(methods);
        methods.forEach(method -> byKey.put(method.method(), method));
    }

    /** The resource method a request was matched to, or {@code null} when it is exempt. */
    RateLimitedMethod find(ResteasyReactiveResourceInfo resource) {
        return byResource.computeIfAbsent(resource, info -> Optional.ofNullable(byKey.get(ResourceMethodKey.of(info))))
                .orElse(null);
    }

    /** Every rate-limited resource method. */
    public List<RateLimitedMethod> all() {
        return methods;
    }
}
