package dev.errorcontract.runtime.client;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

import dev.errorcontract.runtime.config.ClientConfig;
import io.quarkus.arc.Arc;

/**
 * Adds the call's {@code Idempotency-Key} to every attempt of a {@code @Retry} POST or PATCH, and gives back retry
 * budget on every success. Registered for all REST clients.
 */
public class ContractClientFilter implements ClientRequestFilter, ClientResponseFilter {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Logger LOG = Logger.getLogger(ContractClientFilter.class);
    private static final String RETRY = "org.eclipse.microprofile.faulttolerance.Retry";

    private final Set<Method> warnedAbout = ConcurrentHashMap.newKeySet();

    @Override
    public void filter(ClientRequestContext request) {
        String method = request.getMethod();
        if (("POST".equals(method) || "PATCH".equals(method)) && request.getHeaderString(IDEMPOTENCY_KEY) == null) {
            Method invoked = invokedMethod(request);
            String key = RetryAttemptInterceptor.currentKey(invoked);
            if (key != null) {
                request.getHeaders().putSingle(IDEMPOTENCY_KEY, key);
            } else if (invoked != null && isRetried(invoked) && warnedAbout.add(invoked)
                    && Arc.container().instance(ClientConfig.class).get().idempotencyKey()) {
                // fail safe: without a key the request is not retried after a response, and this says why
                LOG.warnf("%s %s#%s under @Retry got no Idempotency-Key (another request filter may have moved the "
                        + "request to another thread): it is not retried after the server answered", method,
                        invoked.getDeclaringClass().getName(), invoked.getName());
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

    private static Method invokedMethod(ClientRequestContext request) {
        return request instanceof ClientRequestContextImpl impl ? impl.getRestClientRequestContext().getInvokedMethod()
                : null;
    }

    private static boolean isRetried(Method method) {
        return hasRetry(method.getAnnotations()) || hasRetry(method.getDeclaringClass().getAnnotations());
    }

    private static boolean hasRetry(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(RETRY)) {
                return true;
            }
        }
        return false;
    }
}
