package dev.errorcontract.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * REST clients: how they read errors back into {@code ApiException} and how {@code @Retry} follows the contract.
 */
@ConfigMapping(prefix = "quarkus.error-contract.client")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ClientConfig {

    /** Whether REST clients turn error responses into {@code ApiException}. */
    @WithDefault("true")
    boolean enabled();

    /** How much of an error body is kept on the exception ({@code ApiException.rawBody()}), in bytes. */
    @WithDefault("8192")
    int maxBodyBytes();

    /**
     * The longest {@code Retry-After} a {@code @Retry} waits for. A longer one fails at once, with the wait on the
     * exception ({@code ApiException.retryAfter()}), instead of holding a thread.
     */
    @WithDefault("30S")
    Duration maxRetryAfter();

    /**
     * Whether a {@code @Retry} POST or PATCH gets an {@code Idempotency-Key} (a random UUID, the same on every attempt
     * of a call) when the application did not set one. Without a key, such a request is not retried after the server
     * may have started processing it.
     */
    @WithDefault("true")
    boolean idempotencyKey();

    /** The retry budget of each client. */
    RetryBudget retryBudget();

    /** Per-client settings, keyed by the REST client interface's fully qualified name. */
    @ConfigDocMapKey("client-interface")
    Map<String, Client> clients();

    interface RetryBudget {
        /**
         * Whether retries are budgeted: every retryable failure takes a token, every success gives back
         * {@code token-ratio}, and retries stop while fewer than half the tokens are left, so that retries do not
         * multiply the load on an upstream that is down (gRPC's retry throttling).
         */
        @WithDefault("true")
        boolean enabled();

        /** The tokens of each client's budget. */
        @WithDefault("10")
        int maxTokens();

        /** The part of a token a success gives back. */
        @WithDefault("0.1")
        double tokenRatio();
    }

    interface Client {
        /** Whether this client turns error responses into {@code ApiException}. */
        Optional<Boolean> enabled();

        /** The tokens of this client's retry budget, instead of {@code retry-budget.max-tokens}. */
        OptionalInt retryBudgetTokens();
    }
}
