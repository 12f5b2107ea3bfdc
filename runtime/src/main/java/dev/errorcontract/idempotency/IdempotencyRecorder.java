package dev.errorcontract.idempotency;

import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class IdempotencyRecorder {

    /** @param requiredByMethod {@code class#method} to whether it requires a key */
    public Supplier<IdempotentMethods> methods(Map<String, Boolean> requiredByMethod) {
        IdempotentMethods methods = new IdempotentMethods(requiredByMethod);
        return () -> methods;
    }
}
