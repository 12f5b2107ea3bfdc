package dev.errorcontract.metrics;

import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.errorcontract.ErrorCodes;
import dev.errorcontract.server.DeclaredExceptions;
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

    @Override
    public void error(int status, String code) {
        registry.counter("error_contract.errors", "status", Integer.toString(status), "code",
                knownCodes.contains(code) ? code : OTHER).increment();
    }

    @Override
    public void rateLimit(String bucket, boolean allowed) {
        registry.counter("error_contract.rate_limit.decisions", "bucket", bucket, "outcome",
                allowed ? "allowed" : "rejected").increment();
    }

    @Override
    public void rateLimitStoreFailure(String bucket, String reason, boolean allowed) {
        registry.counter("error_contract.rate_limit.decisions", "bucket", bucket, "outcome",
                allowed ? "allowed_store_failure" : "rejected_store_failure").increment();
        registry.counter("error_contract.rate_limit.store.failures", "reason", reason).increment();
    }

    @Override
    public void rateLimitEviction() {
        registry.counter("error_contract.rate_limit.local.evictions").increment();
    }

    @Override
    public void clientRetry(String client, boolean retried) {
        registry.counter("error_contract.client.retries", "client", String.valueOf(client), "outcome",
                retried ? "retried" : "not_retried").increment();
    }

    @Override
    public void retryBudgetExhausted(String client) {
        registry.counter("error_contract.client.retry_budget.exhausted", "client", String.valueOf(client)).increment();
    }

    @Override
    public void idempotency(String outcome) {
        registry.counter("error_contract.idempotency", "outcome", outcome).increment();
    }
}
