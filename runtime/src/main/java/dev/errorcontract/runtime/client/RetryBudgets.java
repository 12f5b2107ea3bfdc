package dev.errorcontract.runtime.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.errorcontract.runtime.config.ClientConfig;

/**
 * A retry budget per REST client, after gRPC's retry throttling: a retry is allowed while more than half of the
 * client's tokens are left and takes one; each success gives back {@code token-ratio} of one. With the defaults (10
 * tokens, 0.1) a client makes 5 retries in a row of failing calls, then one retry per 10 successes until the upstream
 * recovers. Retries paced by the server's {@code Retry-After} do not use the budget (see
 * {@link ContractRetryPredicate}).
 */
@Singleton
public class RetryBudgets {

    private static final Logger LOG = Logger.getLogger(RetryBudgets.class);
    private static final long SCALE = 1000;

    private final ClientConfig config;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    private record Budget(AtomicLong milliTokens, AtomicBoolean refusing) {
    }

    RetryBudgets(ClientConfig config) {
        this.config = config;
    }

    /** Whether the client may retry a failure now; a retry allowed takes a token. */
    public boolean tryRetry(String client) {
        if (!config.retryBudget().enabled() || client == null) {
            return true;
        }
        long max = maxTokens(client) * SCALE;
        Budget budget = budget(client);
        long before = budget.milliTokens().getAndUpdate(current -> current > max / 2 ? current - SCALE : current);
        boolean allowed = before > max / 2;
        if (!allowed && budget.refusing().compareAndSet(false, true)) {
            LOG.warnf("The retry budget of REST client %s is spent (%.1f of %d tokens left): failures without "
                    + "Retry-After are not retried until calls succeed again (quarkus.error-contract.client.retry-budget)",
                    client, before / (double) SCALE, max / SCALE);
        } else if (allowed && budget.refusing().compareAndSet(true, false)) {
            LOG.infof("REST client %s retries again: calls succeeded and gave back retry budget", client);
        }
        return allowed;
    }

    /** Records a success. */
    public void onSuccess(String client) {
        if (!config.retryBudget().enabled()) {
            return;
        }
        long max = maxTokens(client) * SCALE;
        long ratio = Math.round(config.retryBudget().tokenRatio() * SCALE);
        budget(client).milliTokens().updateAndGet(current -> Math.min(max, current + ratio));
    }

    /** The tokens left, for tests and metrics. */
    public double tokensLeft(String client) {
        return budget(client).milliTokens().get() / (double) SCALE;
    }

    private Budget budget(String client) {
        return budgets.computeIfAbsent(client,
                ignored -> new Budget(new AtomicLong(maxTokens(client) * SCALE), new AtomicBoolean()));
    }

    private long maxTokens(String client) {
        ClientConfig.Client perClient = config.clients().get(client);
        return perClient != null && perClient.retryBudgetTokens().isPresent() ? perClient.retryBudgetTokens().getAsInt()
                : config.retryBudget().maxTokens();
    }
}
