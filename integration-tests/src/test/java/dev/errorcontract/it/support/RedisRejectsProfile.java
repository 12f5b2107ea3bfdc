package dev.errorcontract.it.support;

import java.util.HashMap;
import java.util.Map;

/** {@link RedisStoresProfile} with {@code rate-limit.redis.on-failure=reject}: no request is let through unchecked. */
public class RedisRejectsProfile extends RedisStoresProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("quarkus.error-contract.rate-limit.redis.on-failure", "reject");
        overrides.put("quarkus.error-contract.rate-limit.redis.timeout", "1s");
        return overrides;
    }
}
