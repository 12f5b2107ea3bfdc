package dev.errorcontract.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import dev.errorcontract.config.ClientConfig;

/**
 * A retry budget per REST client, as gRPC's retry throttling: each retryable failure takes a token, each success gives
 * back a fraction of one, and retries are allowed only while more than half the tokens are left. When an upstream is
 * down, retries stop multiplying the load on it; they come back as calls succeed again.
 */
@Singleton
public class RetryBudgets {

    private static final long SCALE = 1000;

    private final ClientConfig config;
    private final Map<String, AtomicLong> milliTokens = new ConcurrentHashMap<>();

    RetryBudgets(ClientConfig config) {
        this.config = config;
    }

    /** Records a retryable failure and tells whether the client may still retry. */
    public boolean tryRetry(String client) {
        if (!config.retryBudget().enabled() || client == null) {
            return true;
        }
        long max = maxTokens(client) * SCALE;
        long left = tokens(client).updateAndGet(current -> Math.max(0, current - SCALE));
        return left > max / 2;
    }

    /** Records a success. */
    public void onSuccess(String client) {
        if (!config.retryBudget().enabled()) {
            return;
        }
        long max = maxTokens(client) * SCALE;
        long ratio = Math.round(config.retryBudget().tokenRatio() * SCALE);
        tokens(client).updateAndGet(current -> Math.min(max, current + ratio));
    }

    /** The tokens left, for tests and metrics. */
    public double tokensLeft(String client) {
        return tokens(client).get() / (double) SCALE;
    }

    private AtomicLong tokens(String client) {
        return milliTokens.computeIfAbsent(client, ignored -> new AtomicLong(maxTokens(client) * SCALE));
    }

    private long maxTokens(String client) {
        ClientConfig.Client perClient = config.clients().get(client);
        return perClient != null && perClient.retryBudgetTokens().isPresent() ? perClient.retryBudgetTokens().getAsInt()
                : config.retryBudget().maxTokens();
    }
}
