package dev.errorcontract.it.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The demo with its rate limits and idempotency keys in a real Redis server started for the test. */
public class RedisStoresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.error-contract.rate-limit.store", "redis",
                "quarkus.error-contract.idempotency.store", "redis",
                "quarkus.redis.timeout", "2s",
                // the tests count exactly on a shared, loaded 2-core machine: a deadline no healthy check misses
                "quarkus.error-contract.rate-limit.redis.timeout", "2s",
                // 100,000 a thousand hours: a permit comes back every 36 s, so a test counts permits one by one
                "quarkus.error-contract.rate-limit.buckets.api.limits[0].period", "1000H");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisTestServer.class));
    }
}
