package dev.errorcontract.runtime.server;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The application exception types mapped to catalogue entries by {@code @ErrorCode} or configuration, collected at
 * build time.
 */
public final class DeclaredExceptions {

    /** One mapping; {@code code} is never null. */
    public record Mapping(int status, String code, boolean exposeMessage) {
    }

    private final Map<String, Mapping> byClassName;

    public DeclaredExceptions(Map<String, Mapping> byClassName) {
        this.byClassName = Map.copyOf(byClassName);
    }

    /** The codes the application declared. */
    public Set<String> codes() {
        return byClassName.values().stream().map(Mapping::code).collect(Collectors.toSet());
    }

    /** The mapping of the exception's class or its nearest mapped superclass. */
    Mapping find(Class<?> type) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            Mapping mapping = byClassName.get(current.getName());
            if (mapping != null) {
                return mapping;
            }
        }
        return null;
    }
}
