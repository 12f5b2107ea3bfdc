package dev.errorcontract.runtime.server;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveExceptionMapper;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import io.vertx.ext.web.RoutingContext;

/**
 * Renders {@code ApiException}, the {@code WebApplicationException} family, JSON errors, fault tolerance outcomes,
 * declared application exceptions and every unexpected exception by the contract, as the {@link FailureClassifier}
 * says. Registered from the build for each of those types.
 */
@Singleton
public class ContractExceptionMapper implements ResteasyReactiveExceptionMapper<Throwable> {

    private final ErrorResponses responses;

    ContractExceptionMapper(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public Response toResponse(Throwable exception, ServerRequestContext context) {
        return responses.toResponse(exception, context);
    }

    @Override
    public Response toResponse(Throwable exception) {
        return responses.toResponse(exception, (RoutingContext) null);
    }
}
