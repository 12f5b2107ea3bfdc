package dev.errorcontract.runtime.ratelimit;

import java.util.List;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class RateLimitRecorder {

    /** @param methods the rate-limited resource methods */
    public Supplier<RateLimitedMethods> methods(List<RateLimitedMethod> methods) {
        RateLimitedMethods rateLimited = new RateLimitedMethods(methods);
        return () -> rateLimited;
    }
}
