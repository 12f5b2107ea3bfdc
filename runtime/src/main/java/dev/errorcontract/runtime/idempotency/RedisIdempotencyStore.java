package dev.errorcontract.runtime.idempotency;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.errorcontract.runtime.config.IdempotencyConfig;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Idempotency keys in Redis, for several instances: a key is claimed with {@code SET NX PX} (only one request in the
 * whole cluster can win it), and the claim is replaced by the stored response (its body at most
 * {@code max-response-size}, checked before it gets here). Calls are non-blocking.
 */
@Singleton
public class RedisIdempotencyStore implements RemoteIdempotencyStore {

    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {
    };

    private final ReactiveRedisDataSource redis;
    private final String keyPrefix;
    private final ObjectMapper json = new ObjectMapper();

    RedisIdempotencyStore(IdempotencyConfig config, @Any Instance<ReactiveRedisDataSource> dataSources) {
        this.redis = config.redis().clientName()
                .map(name -> dataSources.select(RedisClientName.Literal.of(name)).get())
                .orElseGet(() -> dataSources.select(Default.Literal.INSTANCE).get());
        this.keyPrefix = config.redis().keyPrefix();
    }

    @Override
    public Uni<Claim> claim(String caller, String key, String fingerprint, Duration lockTimeout) {
        String inProgress = write(Map.of("state", "in_progress", "fingerprint", fingerprint));
        return redis.execute("SET", keyPrefix + key, inProgress, "NX", "PX", Long.toString(lockTimeout.toMillis()))
                .chain(set -> set != null ? Uni.createFrom().item((Claim) new Claim.Claimed())
                        : redis.execute("GET", keyPrefix + key).chain(existing -> existing == null
                                ? claim(caller, key, fingerprint, lockTimeout) // expired in between: try again
                                : Uni.createFrom().item(read(existing))));
    }

    @Override
    public Uni<Void> complete(String caller, String key, String fingerprint, StoredResponse response,
            Duration retention) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("state", "completed");
        record.put("fingerprint", fingerprint);
        record.put("status", response.status());
        record.put("contentType", response.contentType());
        record.put("headers", response.headers());
        record.put("body", response.body() == null ? null : Base64.getEncoder().encodeToString(response.body()));
        record.put("requestId", response.requestId());
        return redis.execute("SET", keyPrefix + key, write(record), "PX", Long.toString(retention.toMillis()))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> release(String key) {
        return redis.execute("DEL", keyPrefix + key).replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private Claim read(Response value) {
        Map<String, Object> record;
        try {
            record = json.readValue(value.toString(), RECORD);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable idempotency record in Redis", e);
        }
        String fingerprint = (String) record.get("fingerprint");
        if (!"completed".equals(record.get("state"))) {
            return new Claim.InProgress(fingerprint);
        }
        String body = (String) record.get("body");
        StoredResponse response = new StoredResponse(((Number) record.get("status")).intValue(),
                (String) record.get("contentType"), (Map<String, List<String>>) record.get("headers"),
                body == null ? null : Base64.getDecoder().decode(body), (String) record.get("requestId"));
        return new Claim.Completed(fingerprint, response);
    }

    private String write(Map<String, Object> record) {
        try {
            return json.writeValueAsString(record);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
