package dev.errorcontract.runtime.client;

import java.util.Set;
import java.util.function.Predicate;

import dev.errorcontract.ApiException;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.UpstreamUnreachableException;
import dev.errorcontract.runtime.config.ClientConfig;
import dev.errorcontract.runtime.metrics.ContractMetrics;
import io.quarkus.arc.Arc;

/**
 * Which failures a {@code @Retry} REST client method retries, by the contract. A request is idempotent when its method
 * is GET, HEAD, PUT, DELETE or OPTIONS, or it carries an {@code Idempotency-Key}; a POST or PATCH without a key is
 * never retried once the server answered.
 * <ul>
 * <li>429, 423, 503 and 409 {@code request_in_progress}: retried, never sooner than {@code Retry-After} and never when
 * that is beyond {@code quarkus.error-contract.client.max-retry-after};</li>
 * <li>500, 502 and 504: retried;</li>
 * <li>no connection (nothing was sent): retried, whatever the method;</li>
 * <li>no response within the read timeout: retried when {@code retry-read-timeouts} is on;</li>
 * <li>any other 4xx: never.</li>
 * </ul>
 * A retry that waits for the server's own {@code Retry-After} is paced by the server and spends no retry budget; the
 * others (5xx, 503 without {@code Retry-After}, transport failures) spend it, and stop when it is spent.
 */
public class ContractRetryPredicate implements Predicate<Throwable> {

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    @Override
    public boolean test(Throwable failure) {
        ApiException error = apiException(failure);
        if (error != null && error.isReceived()) {
            ApiException.Origin origin = error.origin().orElseThrow();
            boolean retried = shouldRetry(error, origin);
            metrics().clientRetry(origin.client(), retried);
            return retried;
        }
        UpstreamUnreachableException unreachable = unreachable(failure);
        if (unreachable != null) {
            boolean retried = shouldRetry(unreachable);
            metrics().clientRetry(unreachable.client(), retried);
            return retried;
        }
        // a REST client method the extension did not see (no client or method known): a connection never made
        return TransportFailures.kindOf(failure) == UpstreamUnreachableException.Kind.CONNECT;
    }

    private static boolean shouldRetry(ApiException error, ApiException.Origin origin) {
        if (!isRetryable(error, origin)) {
            return false;
        }
        if (error.retryAfter().isPresent()) {
            // fail now, with the wait on the exception, rather than hold a thread; a shorter wait is the server's pace
            return error.retryAfter().get().compareTo(config().maxRetryAfter()) <= 0;
        }
        return withinBudget(origin.client());
    }

    private static boolean shouldRetry(UpstreamUnreachableException failure) {
        boolean retryable = switch (failure.kind()) {
            case CONNECT -> true;
            case READ_TIMEOUT -> failure.idempotent() && config().retryReadTimeouts();
        };
        return retryable && withinBudget(failure.client());
    }

    private static boolean withinBudget(String client) {
        if (Arc.container().instance(RetryBudgets.class).get().tryRetry(client)) {
            return true;
        }
        metrics().retryBudgetExhausted(client);
        return false;
    }

    static boolean isRetryable(ApiException error, ApiException.Origin origin) {
        boolean idempotent = origin.idempotencyKey() != null
                || (origin.method() != null && IDEMPOTENT_METHODS.contains(origin.method()));
        if (!idempotent) {
            return false;
        }
        int status = error.status();
        if (status == 409) {
            return ErrorCodes.REQUEST_IN_PROGRESS.equals(error.code());
        }
        return status == 429 || status == 423 || status == 503 || status == 500 || status == 502 || status == 504;
    }

    static ApiException apiException(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof ApiException api) {
                return api;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static UpstreamUnreachableException unreachable(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof UpstreamUnreachableException unreachable) {
                return unreachable;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static ClientConfig config() {
        return Arc.container().instance(ClientConfig.class).get();
    }

    private static ContractMetrics metrics() {
        return Arc.container().instance(ContractMetrics.class).get();
    }
}
