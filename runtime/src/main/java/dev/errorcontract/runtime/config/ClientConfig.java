package dev.errorcontract.runtime.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigDocDefault;
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

    /**
     * Whether REST clients turn error responses into {@code ApiException}. A client with this off is outside the
     * contract: its errors are the REST client's own {@code WebApplicationException}, and its {@code @Retry} retries
     * only connections that could not be made and read timeouts, never an error response (not even a 429).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How much of an error body is read, in bytes: the rest is never parsed. It is also what
     * {@code ApiException.rawBody()} keeps. A body cut at this size is usually no longer JSON: the error then has its
     * status and that status's code only.
     */
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

    /**
     * Whether a {@code @Retry} retries an idempotent request (GET, HEAD, PUT, DELETE, OPTIONS, or one with an
     * {@code Idempotency-Key}) that got no response within the REST client's read timeout
     * ({@code quarkus.rest-client.read-timeout}), as the AWS SDKs and gRPC do. A POST or PATCH without a key is never
     * retried after a read timeout: the server may have done the work.
     */
    @WithDefault("true")
    boolean retryReadTimeouts();

    /** The retry budget of each client. */
    RetryBudget retryBudget();

    /** Per-client settings, keyed by the REST client interface's fully qualified name. */
    @ConfigDocMapKey("client-interface")
    Map<String, Client> clients();

    interface RetryBudget {
        /**
         * Whether retries are budgeted, so that retries do not multiply the load on an upstream that is down (gRPC's
         * retry throttling): a retry is allowed while more than half the tokens are left and takes one, every success
         * gives back {@code token-ratio}. With the defaults, a client makes 5 retries in a row of failing calls, then
         * one per 10 successes. Retries that wait for the server's {@code Retry-After} (429, 503 or 423 with the
         * header) are paced by the server and use no budget.
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
        /**
         * Whether this client turns error responses into {@code ApiException}, instead of {@code enabled}. Off, the
         * client is outside the contract, its {@code @Retry} included (see {@code enabled}).
         */
        @ConfigDocDefault("the value of quarkus.error-contract.client.enabled")
        Optional<Boolean> enabled();

        /** The tokens of this client's retry budget, instead of {@code retry-budget.max-tokens}. */
        OptionalInt retryBudgetTokens();
    }
}
