package dev.errorcontract.runtime.metrics;

import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The metrics of an application without Micrometer: nothing is recorded. */
@Singleton
@DefaultBean
public class NoopContractMetrics implements ContractMetrics {

    @Override
    public void error(int status, String code) {
    }

    @Override
    public void rateLimit(String bucket, boolean allowed) {
    }

    @Override
    public void rateLimitStoreFailure(String bucket, String reason, boolean allowed) {
    }

    @Override
    public void rateLimitEviction() {
    }

    @Override
    public void clientRetry(String client, boolean retried) {
    }

    @Override
    public void retryBudgetExhausted(String client) {
    }

    @Override
    public void idempotency(String outcome) {
    }
}
