package dev.errorcontract.runtime.client;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.ProcessingException;

import dev.errorcontract.UpstreamUnreachableException;
import io.smallrye.mutiny.Uni;

/**
 * Runs inside the fault tolerance interceptor (a higher priority), so once per attempt of a {@code @Retry} REST client
 * call. It gives the attempt's request the call's {@code Idempotency-Key}: Quarkus REST Client runs the client request
 * filters on the thread that makes the request (the caller's for a blocking method, the subscriber's for a
 * {@code Uni}), before it switches to the connection's context, so the key is visible to {@link ContractClientFilter}
 * on that thread for exactly that time, and to nothing else (a {@code CompletionStage} method sends its request
 * before it returns). It also tells a failure that got no response
 * ({@link UpstreamUnreachableException}) from the others, for the retry decision.
 */
@RetriedCall
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 20)
public class RetryAttemptInterceptor {

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    /** The attempt making its request on this thread now, while its request filters run. */
    private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

    record Attempt(Method method, String key) {
        boolean makes(Method invoked) {
            return invoked != null && invoked.getName().equals(method.getName())
                    && Arrays.equals(invoked.getParameterTypes(), method.getParameterTypes());
        }
    }

    @AroundInvoke
    Object attempt(InvocationContext invocation) throws Exception {
        String key = (String) invocation.getContextData().get(IdempotencyKeyInterceptor.KEY);
        RetriedCall call = invocation.getInterceptorBinding(RetriedCall.class);
        String httpMethod = call == null ? "" : call.httpMethod();
        Method method = invocation.getMethod();
        boolean idempotent = key != null || IDEMPOTENT_METHODS.contains(httpMethod);
        Attempt attempt = key == null ? null : new Attempt(method, key);
        Object result;
        try {
            result = attempt == null ? invocation.proceed() : during(attempt, invocation);
        } catch (ProcessingException e) {
            throw unreachable(e, method, idempotent);
        }
        if (result instanceof Uni<?> uni) {
            Uni<?> keyed = attempt == null ? uni : uni.runSubscriptionOn(subscription -> during(attempt, subscription));
            return keyed.onFailure(ProcessingException.class)
                    .transform(failure -> unreachable((ProcessingException) failure, method, idempotent));
        }
        if (result instanceof CompletionStage<?> stage) {
            // the request went out during proceed(), key included; its failure comes unwrapped (a Vert.x timeout)
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            stage.whenComplete((value, failure) -> {
                if (failure == null) {
                    outcome.complete(value);
                } else {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    outcome.completeExceptionally(unreachable(cause, method, idempotent));
                }
            });
            return outcome;
        }
        return result;
    }

    /** The key of the attempt making a request of {@code invoked} on this thread, or {@code null}. */
    static String currentKey(Method invoked) {
        Attempt attempt = CURRENT.get();
        return attempt != null && attempt.makes(invoked) ? attempt.key() : null;
    }

    private static Object during(Attempt attempt, InvocationContext invocation) throws Exception {
        Attempt previous = CURRENT.get();
        CURRENT.set(attempt);
        try {
            return invocation.proceed();
        } finally {
            restore(previous);
        }
    }

    private static void during(Attempt attempt, Runnable subscription) {
        Attempt previous = CURRENT.get();
        CURRENT.set(attempt);
        try {
            subscription.run();
        } finally {
            restore(previous);
        }
    }

    private static void restore(Attempt previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    private static ProcessingException unreachable(ProcessingException failure, Method method, boolean idempotent) {
        return (ProcessingException) unreachable((Throwable) failure, method, idempotent);
    }

    /** A failure that got no response as {@link UpstreamUnreachableException}, any other as it is. */
    private static Throwable unreachable(Throwable failure, Method method, boolean idempotent) {
        if (failure instanceof UpstreamUnreachableException) {
            return failure;
        }
        UpstreamUnreachableException.Kind kind = TransportFailures.kindOf(failure);
        return kind == null ? failure : new UpstreamUnreachableException(failure, kind, clientName(method), idempotent);
    }

    /**
     * The REST client interface declaring the method, as {@link ContractClientFilter#clientName} names it: the method
     * intercepted is the generated client bean's.
     */
    private static String clientName(Method method) {
        if (method.getDeclaringClass().isInterface()) {
            return method.getDeclaringClass().getName();
        }
        for (Class<?> contract : method.getDeclaringClass().getInterfaces()) {
            try {
                return contract.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass().getName();
            } catch (NoSuchMethodException notThisOne) {
                // another interface of the bean
            }
        }
        return method.getDeclaringClass().getName();
    }
}
