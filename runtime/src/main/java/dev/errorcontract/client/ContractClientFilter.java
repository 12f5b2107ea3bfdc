package dev.errorcontract.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

import io.quarkus.arc.Arc;

/**
 * Adds the call's {@code Idempotency-Key} to every attempt of a {@code @Retry} POST or PATCH, and gives back retry
 * budget on every success. Registered for all REST clients.
 */
public class ContractClientFilter implements ClientRequestFilter, ClientResponseFilter {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Override
    public void filter(ClientRequestContext request) {
        String method = request.getMethod();
        if (("POST".equals(method) || "PATCH".equals(method)) && request.getHeaderString(IDEMPOTENCY_KEY) == null) {
            String key = IdempotencyKeyInterceptor.currentKey();
            if (key != null) {
                request.getHeaders().putSingle(IDEMPOTENCY_KEY, key);
            }
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() < 400) {
            String client = clientName(request instanceof ClientRequestContextImpl impl ? impl.getRestClientRequestContext()
                    : null);
            if (client != null) {
                Arc.container().instance(RetryBudgets.class).get().onSuccess(client);
            }
        }
    }

    /** The REST client interface that made the request, or {@code null} for a plain JAX-RS client. */
    static String clientName(RestClientRequestContext context) {
        if (context == null || context.getInvokedMethod() == null) {
            return null;
        }
        return context.getInvokedMethod().getDeclaringClass().getName();
    }
}
