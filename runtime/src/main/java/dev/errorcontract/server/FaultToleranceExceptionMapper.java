package dev.errorcontract.server;

import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveExceptionMapper;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorCodes;
import io.smallrye.faulttolerance.api.RateLimitException;

/**
 * SmallRye Fault Tolerance outcomes by the contract: a used-up {@code @RateLimit} is 429 with {@code Retry-After},
 * an open circuit breaker or a full bulkhead 503, a {@code @Timeout} 504. Active with
 * quarkus-smallrye-fault-tolerance.
 */
@Singleton
public class FaultToleranceExceptionMapper implements ResteasyReactiveExceptionMapper<FaultToleranceException> {

    private final ErrorResponses responses;

    FaultToleranceExceptionMapper(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public Response toResponse(FaultToleranceException exception, ServerRequestContext context) {
        ApiError error;
        if (exception instanceof RateLimitException rateLimit) {
            long millis = Math.max(0, rateLimit.getRetryAfterMillis());
            long seconds = Math.max(1, (millis + 999) / 1000);
            error = ApiError.of(429, ErrorCodes.RATE_LIMIT_EXCEEDED, StandardDetails.of(429)).withRetryAfter(seconds);
        } else if (exception instanceof CircuitBreakerOpenException || exception instanceof BulkheadException) {
            error = ApiError.of(503, ErrorCodes.SERVICE_UNAVAILABLE, StandardDetails.of(503));
        } else if (exception instanceof TimeoutException) {
            error = ApiError.of(504, ErrorCodes.GATEWAY_TIMEOUT, StandardDetails.of(504));
        } else {
            return responses.toResponse(exception, RoutingContexts.of(context));
        }
        return responses.toResponse(error, Map.of(), null, RoutingContexts.of(context));
    }

    @Override
    public Response toResponse(FaultToleranceException exception) {
        return toResponse(exception, null);
    }
}
