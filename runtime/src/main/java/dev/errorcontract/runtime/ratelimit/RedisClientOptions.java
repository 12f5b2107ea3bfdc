package dev.errorcontract.runtime.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.vertx.redis.client.RedisOptions;

/**
 * Records the options of each Redis client Quarkus makes, changing nothing: {@link RedisRateLimitStore} makes a client
 * per event loop with them. The options are kept as the instance Quarkus made the client with, so that what other
 * customizers change after this one is there too.
 */
@Singleton
public class RedisClientOptions implements RedisOptionsCustomizer {

    /** The name Quarkus gives its default Redis client. */
    static final String DEFAULT_CLIENT = "<default>";

    private final Map<String, RedisOptions> byClient = new ConcurrentHashMap<>();

    @Override
    public void customize(String clientName, RedisOptions options) {
        byClient.put(clientName, options);
    }

    /** The options of the named client, or {@code null} when Quarkus has not made it. */
    RedisOptions of(String clientName) {
        return byClient.get(clientName);
    }
}
