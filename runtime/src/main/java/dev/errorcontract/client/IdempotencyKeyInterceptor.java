package dev.errorcontract.client;

import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.errorcontract.config.ClientConfig;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Gives one {@code Idempotency-Key} to a call of a {@code @Retry} POST or PATCH REST client method, for all its
 * attempts. It wraps the fault tolerance interceptor (a lower priority runs outside it), so the key is made once per
 * call and {@link ContractClientFilter} puts it on every attempt.
 */
@RetriedCall
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class IdempotencyKeyInterceptor {

    private static final String KEY = IdempotencyKeyInterceptor.class.getName();
    /** The key of the call running on this thread: blocking calls retry on the caller's thread. */
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    @Inject
    ClientConfig config;

    @AroundInvoke
    Object addKey(InvocationContext invocation) throws Exception {
        if (!config.idempotencyKey()) {
            return invocation.proceed();
        }
        String key = UUID.randomUUID().toString();
        String previous = CURRENT.get();
        CURRENT.set(key);
        boolean onVertxContext = putOnVertxContext(key);
        try {
            Object result = invocation.proceed();
            if (result instanceof Uni<?> uni && onVertxContext) {
                // a reactive call subscribes (and retries) later, on the request's Vert.x context
                return uni.onSubscription().invoke(() -> putOnVertxContext(key))
                        .onTermination().invoke(() -> ContextLocals.remove(KEY));
            }
            return result;
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static String currentKey() {
        String key = CURRENT.get();
        if (key != null) {
            return key;
        }
        Context context = Vertx.currentContext();
        return context != null && io.smallrye.common.vertx.VertxContext.isDuplicatedContext(context)
                ? ContextLocals.<String> get(KEY).orElse(null)
                : null;
    }

    private static boolean putOnVertxContext(String key) {
        Context context = Vertx.currentContext();
        if (context != null && io.smallrye.common.vertx.VertxContext.isDuplicatedContext(context)) {
            ContextLocals.put(KEY, key);
            return true;
        }
        return false;
    }
}
