package dev.errorcontract.runtime.ratelimit;

import java.util.Map;
import java.util.function.Supplier;

import dev.errorcontract.runtime.server.ResourceMethodKey;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class RateLimitRecorder {

    /** @param bucketByMethod each limited resource method to its bucket name */
    public Supplier<RateLimitedMethods> methods(Map<ResourceMethodKey, String> bucketByMethod) {
        RateLimitedMethods methods = new RateLimitedMethods(bucketByMethod);
        return () -> methods;
    }
}
