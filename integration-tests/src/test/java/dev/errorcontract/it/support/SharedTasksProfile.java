package dev.errorcontract.it.support;

import java.util.HashMap;
import java.util.Map;

/** {@link RedisStoresProfile}, with the demo's tasks in Redis too, as several instances need them. */
public class SharedTasksProfile extends RedisStoresProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("demo.task-store", "redis");
        return overrides;
    }
}
