package dev.errorcontract.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the demo application itself. */
@ConfigMapping(prefix = "demo")
public interface DemoConfig {

    /** API keys by their value. */
    Map<String, ApiKey> apiKeys();

    /** How long {@code POST /tasks/{id}/process} keeps a task busy. */
    @WithDefault("5s")
    Duration processingTime();

    /**
     * Where the tasks are kept: {@code memory} (this instance only) or {@code redis} (the default Redis client, shared
     * by every instance that points at it). Several instances need it shared, besides the idempotency keys.
     */
    @WithDefault("memory")
    TaskStoreKind taskStore();

    enum TaskStoreKind {
        MEMORY,
        REDIS
    }

    interface ApiKey {
        /** The owner, used as the principal name. */
        String owner();

        /** {@code read}, {@code write}. */
        List<String> permissions();
    }
}
