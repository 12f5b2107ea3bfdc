package dev.errorcontract.runtime.idempotency;

import java.util.Map;
import java.util.function.Supplier;

import dev.errorcontract.runtime.server.ResourceMethodKey;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class IdempotencyRecorder {

    /** @param requiredByMethod each idempotent resource method to whether it requires a key */
    public Supplier<IdempotentMethods> methods(Map<ResourceMethodKey, Boolean> requiredByMethod) {
        IdempotentMethods methods = new IdempotentMethods(requiredByMethod);
        return () -> methods;
    }
}
