package dev.errorcontract.ratelimit;

import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class RateLimitRecorder {

    /** @param bucketByMethod {@code class#method} to bucket name */
    public Supplier<RateLimitedMethods> methods(Map<String, String> bucketByMethod) {
        RateLimitedMethods methods = new RateLimitedMethods(bucketByMethod);
        return () -> methods;
    }
}
