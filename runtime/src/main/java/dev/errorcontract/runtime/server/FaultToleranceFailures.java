package dev.errorcontract.runtime.server;

import java.time.Duration;

import dev.errorcontract.runtime.server.FailureClassifier.Classified;

/**
 * SmallRye Fault Tolerance's outcomes in the contract's terms. The library is optional: its classes are only touched
 * when the failure is one of them.
 */
final class FaultToleranceFailures {

    private static final String PACKAGE = "org.eclipse.microprofile.faulttolerance.exceptions.";

    private FaultToleranceFailures() {
    }

    /**
     * @param breakerDelay the {@code delay} of the {@code @CircuitBreaker} on the resource method, or {@code null}
     * @return the classification, or {@code null} when the failure is none of fault tolerance's
     */
    static Classified classify(Throwable failure, Duration breakerDelay) {
        if (!FailureClassifier.isA(failure, PACKAGE + "FaultToleranceException")) {
            return null;
        }
        if (FailureClassifier.isA(failure, "io.smallrye.faulttolerance.api.RateLimitException")) {
            long millis = ((io.smallrye.faulttolerance.api.RateLimitException) failure).getRetryAfterMillis();
            return FailureClassifier.rateLimited(Duration.ofMillis(Math.max(0, millis)));
        }
        if (FailureClassifier.isA(failure, PACKAGE + "CircuitBreakerOpenException")) {
            return FailureClassifier.unavailable(breakerDelay);
        }
        if (FailureClassifier.isA(failure, PACKAGE + "BulkheadException")) {
            return FailureClassifier.simple(503, null);
        }
        if (FailureClassifier.isA(failure, PACKAGE + "TimeoutException")) {
            return FailureClassifier.simple(504, null);
        }
        return null;
    }
}
