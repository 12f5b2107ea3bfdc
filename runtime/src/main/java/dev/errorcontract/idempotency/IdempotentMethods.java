package dev.errorcontract.idempotency;

import java.util.Map;

/** The {@code @Idempotent} resource methods and whether they require a key, collected at build time. */
public final class IdempotentMethods {

    private final Map<String, Boolean> requiredByMethod;

    public IdempotentMethods(Map<String, Boolean> requiredByMethod) {
        this.requiredByMethod = Map.copyOf(requiredByMethod);
    }

    /** {@code null} when the method is not idempotent, else whether it requires a key. */
    Boolean requiresKey(String className, String methodName) {
        return requiredByMethod.get(key(className, methodName));
    }

    public static String key(String className, String methodName) {
        return className + '#' + methodName;
    }
}
