package dev.errorcontract.client;

import java.net.ConnectException;
import java.util.Set;
import java.util.function.Predicate;

import dev.errorcontract.ApiException;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.config.ClientConfig;
import dev.errorcontract.metrics.ContractMetrics;
import io.quarkus.arc.Arc;

/**
 * Which failures a {@code @Retry} REST client method retries, by the contract: 429, 423, 503 and 409
 * {@code request_in_progress} always; 500, 502 and 504 only for an idempotent request (GET, HEAD, PUT, DELETE,
 * OPTIONS, or one with an {@code Idempotency-Key}); a connection that could not be made always (nothing was sent);
 * never another 4xx; never a {@code Retry-After} beyond {@code quarkus.error-contract.client.max-retry-after}; never
 * when the client's retry budget is spent.
 */
public class ContractRetryPredicate implements Predicate<Throwable> {

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    @Override
    public boolean test(Throwable failure) {
        ApiException error = apiException(failure);
        if (error != null && error.isReceived()) {
            ApiException.Origin origin = error.origin().orElseThrow();
            ContractMetrics metrics = Arc.container().instance(ContractMetrics.class).get();
            boolean retried = shouldRetry(error, origin, metrics);
            metrics.clientRetry(origin.client(), retried);
            return retried;
        }
        return isConnectFailure(failure);
    }

    private static boolean shouldRetry(ApiException error, ApiException.Origin origin, ContractMetrics metrics) {
        if (!isRetryable(error, origin)) {
            return false;
        }
        ClientConfig config = Arc.container().instance(ClientConfig.class).get();
        if (error.retryAfter().isPresent() && error.retryAfter().get().compareTo(config.maxRetryAfter()) > 0) {
            return false; // fail now, with the wait on the exception, rather than hold a thread
        }
        if (!Arc.container().instance(RetryBudgets.class).get().tryRetry(origin.client())) {
            metrics.retryBudgetExhausted(origin.client());
            return false;
        }
        return true;
    }

    static boolean isRetryable(ApiException error, ApiException.Origin origin) {
        int status = error.status();
        if (status == 429 || status == 423 || status == 503) {
            return true;
        }
        if (status == 409) {
            return ErrorCodes.REQUEST_IN_PROGRESS.equals(error.code());
        }
        if (status == 500 || status == 502 || status == 504) {
            return origin.idempotencyKey() != null || (origin.method() != null && IDEMPOTENT_METHODS.contains(origin.method()));
        }
        return false;
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

    private static boolean isConnectFailure(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof ConnectException
                    || current.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }
}
