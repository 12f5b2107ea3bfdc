package dev.errorcontract.it.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The demo with its rate limits and idempotency keys in a real 3-master Redis Cluster started for the test. */
public class RedisClusterProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.error-contract.rate-limit.store", "redis",
                "quarkus.error-contract.idempotency.store", "redis",
                "quarkus.redis.timeout", "2s",
                "quarkus.error-contract.rate-limit.redis.timeout", "2s",
                // vertx-redis-client 4.5.25's cluster client can deadlock its pool when more requests are in flight
                // than it has connections (vert-x3/vertx-redis-client#541): a pool larger than the tests' concurrency
                "quarkus.redis.max-pool-size", "128");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisTestCluster.class));
    }
}
