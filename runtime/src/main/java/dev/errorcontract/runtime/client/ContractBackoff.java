package dev.errorcontract.runtime.client;

import java.util.concurrent.ThreadLocalRandom;

import dev.errorcontract.ApiException;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * The wait before each retry of a {@code @Retry} REST client method: never shorter than the server's
 * {@code Retry-After}; without one, exponential backoff with full jitter, from the {@code @Retry} delay (at least
 * 100 ms) doubling per attempt. A new instance serves each call.
 */
public class ContractBackoff implements CustomBackoffStrategy {

    private static final long MIN_BASE_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    /** Spreads callers told the same Retry-After over a short window, so they do not come back all at once. */
    private static final long RETRY_AFTER_SPREAD_MILLIS = 250;

    private long baseMillis;
    private int attempt;

    @Override
    public void init(long initialDelayInMillis) {
        baseMillis = Math.max(MIN_BASE_MILLIS, initialDelayInMillis);
    }

    @Override
    public synchronized long nextDelayInMillis(Throwable failure) {
        ApiException error = ContractRetryPredicate.apiException(failure);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (error != null && error.retryAfter().isPresent()) {
            return error.retryAfter().get().toMillis() + random.nextLong(RETRY_AFTER_SPREAD_MILLIS + 1);
        }
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, baseMillis << Math.min(attempt++, 20));
        return random.nextLong(ceiling + 1);
    }
}
