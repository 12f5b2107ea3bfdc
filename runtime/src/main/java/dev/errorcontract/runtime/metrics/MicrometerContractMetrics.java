package dev.errorcontract.runtime.metrics;

import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.errorcontract.ErrorCodes;
import dev.errorcontract.runtime.server.DeclaredExceptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The metrics in Micrometer; a bean only when the application has quarkus-micrometer. */
@Singleton
public class MicrometerContractMetrics implements ContractMetrics {

    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Set<String> knownCodes;

    MicrometerContractMetrics(MeterRegistry registry, DeclaredExceptions declaredExceptions) {
        this.registry = registry;
        Set<String> codes = new HashSet<>(declaredExceptions.codes());
        for (int status = 400; status < 600; status++) {
            codes.add(ErrorCodes.defaultCode(status));
        }
        codes.add(ErrorCodes.MALFORMED_BODY);
        codes.add(ErrorCodes.IDEMPOTENCY_KEY_MISSING);
        codes.add(ErrorCodes.IDEMPOTENCY_CONFLICT);
        codes.add(ErrorCodes.REQUEST_IN_PROGRESS);
        this.knownCodes = Set.copyOf(codes);
    }

    private static final String ERRORS = "Error responses sent by the contract, by status and code";
    private static final String DECISIONS = "Rate-limit checks, by bucket and outcome (allowed, rejected, "
            + "allowed_store_failure, rejected_store_failure)";
    private static final String STORE_FAILURES = "Rate-limit checks whose store failed or answered too late, by reason";
    private static final String EVICTIONS = "Callers' buckets the local rate-limit store dropped (least recently used) "
            + "to stay within its bound";
    private static final String RETRIES = "REST client failures retried or not by the contract, by client";
    private static final String BUDGET_EXHAUSTED = "REST client retries refused because the client's retry budget was "
            + "used up, by client";
    private static final String IDEMPOTENCY = "Idempotency-Key outcomes other than a first run (replayed, conflict, "
            + "in_progress) and weakened guarantees (evicted, body_dropped, response_too_large, store_failure)";

    @Override
    public void error(int status, String code) {
        count("error_contract.errors", ERRORS, "status", Integer.toString(status), "code",
                knownCodes.contains(code) ? code : OTHER);
    }

    @Override
    public void rateLimit(String bucket, boolean allowed) {
        count("error_contract.rate_limit.decisions", DECISIONS, "bucket", bucket, "outcome",
                allowed ? "allowed" : "rejected");
    }

    @Override
    public void rateLimitStoreFailure(String bucket, String reason, boolean allowed) {
        count("error_contract.rate_limit.decisions", DECISIONS, "bucket", bucket, "outcome",
                allowed ? "allowed_store_failure" : "rejected_store_failure");
        count("error_contract.rate_limit.store.failures", STORE_FAILURES, "reason", reason);
    }

    @Override
    public void rateLimitEviction() {
        count("error_contract.rate_limit.local.evictions", EVICTIONS);
    }

    @Override
    public void clientRetry(String client, boolean retried) {
        count("error_contract.client.retries", RETRIES, "client", String.valueOf(client), "outcome",
                retried ? "retried" : "not_retried");
    }

    @Override
    public void retryBudgetExhausted(String client) {
        count("error_contract.client.retry_budget.exhausted", BUDGET_EXHAUSTED, "client", String.valueOf(client));
    }

    @Override
    public void idempotency(String outcome) {
        count("error_contract.idempotency", IDEMPOTENCY, "outcome", outcome);
    }

    /** Counters carry a description, which Prometheus shows as the metric's HELP. */
    private void count(String name, String description, String... tags) {
        Counter.builder(name).description(description).tags(tags).register(registry).increment();
    }
}
