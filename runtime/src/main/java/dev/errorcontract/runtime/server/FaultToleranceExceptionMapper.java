package dev.errorcontract.runtime.server;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveExceptionMapper;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * SmallRye Fault Tolerance outcomes by the contract (the {@link FailureClassifier} decides: a used-up
 * {@code @RateLimit} is 429 with {@code Retry-After}, an open circuit breaker or a full bulkhead 503, a
 * {@code @Timeout} 504). Active with quarkus-smallrye-fault-tolerance, ahead of its own mappers.
 */
@Singleton
public class FaultToleranceExceptionMapper implements ResteasyReactiveExceptionMapper<FaultToleranceException> {

    private final ErrorResponses responses;

    FaultToleranceExceptionMapper(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public Response toResponse(FaultToleranceException exception, ServerRequestContext context) {
        return responses.toResponse(exception, context);
    }

    @Override
    public Response toResponse(FaultToleranceException exception) {
        return responses.toResponse(exception, (io.vertx.ext.web.RoutingContext) null);
    }
}
