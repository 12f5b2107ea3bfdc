package dev.errorcontract.runtime.client;

import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.errorcontract.runtime.config.ClientConfig;

/**
 * Gives one {@code Idempotency-Key} to each call of a {@code @Retry} POST or PATCH REST client method: one invocation
 * of the method, blocking or {@code Uni}. It runs outside the fault tolerance interceptor (a lower priority), so it
 * sees the call once, when it is made (for a {@code Uni}, when it is created, before any subscription). The key is kept
 * in the invocation's context data, which belongs to this one call; fault tolerance makes every attempt through the
 * same invocation, where {@link RetryAttemptInterceptor} hands the key to the attempt's request.
 */
@RetriedCall
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class IdempotencyKeyInterceptor {

    static final String KEY = IdempotencyKeyInterceptor.class.getName();

    @Inject
    ClientConfig config;

    @AroundInvoke
    Object addKey(InvocationContext invocation) throws Exception {
        RetriedCall call = invocation.getInterceptorBinding(RetriedCall.class);
        if (config.idempotencyKey() && call != null && needsKey(call.httpMethod())) {
            invocation.getContextData().put(KEY, UUID.randomUUID().toString());
        }
        return invocation.proceed();
    }

    static boolean needsKey(String httpMethod) {
        return "POST".equals(httpMethod) || "PATCH".equals(httpMethod);
    }
}
