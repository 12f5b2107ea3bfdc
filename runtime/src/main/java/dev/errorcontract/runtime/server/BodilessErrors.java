package dev.errorcontract.runtime.server;

import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerResponseFilter;

import dev.errorcontract.runtime.config.ErrorContractConfig;
import io.quarkus.arc.WithCaching;

/**
 * Gives an error response without a body ({@code return Response.status(404).build()}, a filter's
 * {@code abortWith(Response.status(401).build())}) the contract's body for its status; its headers stay. A response
 * that carries its own entity is left as it is. On unless {@code quarkus.error-contract.fill-bodiless-errors=false}.
 */
@Singleton
public class BodilessErrors implements ResteasyReactiveContainerResponseFilter {

    // Quarkus REST creates its filters at static init, before the run-time configuration exists: resolved on use
    private final Instance<ErrorResponses> responses;
    private final Instance<ErrorContractConfig> config;

    BodilessErrors(@WithCaching Instance<ErrorResponses> responses, @WithCaching Instance<ErrorContractConfig> config) {
        this.responses = responses;
        this.config = config;
    }

    @Override
    public void filter(ResteasyReactiveContainerRequestContext requestContext, ContainerResponseContext responseContext) {
        if (responseContext.getStatus() < 400 || !config.get().fillBodilessErrors() || responseContext.hasEntity()
                || "HEAD".equals(requestContext.getMethod())
                || requestContext.getServerRequestContext().serverResponse().headWritten()) {
            return;
        }
        Response contract = responses.get().toResponse(FailureClassifier.simple(responseContext.getStatus(), null).error(),
                Map.of(), null, RoutingContexts.of(requestContext.getServerRequestContext()));
        contract.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !responseContext.getHeaders().containsKey(name)) {
                responseContext.getHeaders().put(name, values);
            }
        });
        responseContext.setEntity(contract.getEntity(), null,
                MediaType.valueOf(String.valueOf(contract.getHeaderString("Content-Type"))));
    }
}
