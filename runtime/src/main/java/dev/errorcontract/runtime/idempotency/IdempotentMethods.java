package dev.errorcontract.runtime.idempotency;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import dev.errorcontract.runtime.server.ResourceMethodKey;

/**
 * The {@code @Idempotent} resource methods and whether they require a key, collected at build time wherever the
 * annotation is written (the method, or a method it implements or overrides).
 */
public final class IdempotentMethods {

    private final Map<ResourceMethodKey, Boolean> requiredByMethod;
    private final Map<ResteasyReactiveResourceInfo, Optional<Boolean>> requiredByResource = new ConcurrentHashMap<>();

    public IdempotentMethods(Map<ResourceMethodKey, Boolean> requiredByMethod) {
        this.requiredByMethod = Map.copyOf(requiredByMethod);
    }

    /** Whether the method is {@code @Idempotent}. */
    public boolean contains(ResourceMethodKey method) {
        return requiredByMethod.containsKey(method);
    }

    /** {@code null} when the method is not idempotent, else whether it requires a key. */
    Boolean requiresKey(ResteasyReactiveResourceInfo resource) {
        return requiredByResource.computeIfAbsent(resource,
                info -> Optional.ofNullable(requiredByMethod.get(ResourceMethodKey.of(info)))).orElse(null);
    }
}
