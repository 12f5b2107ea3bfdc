package dev.errorcontract.runtime.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.errorcontract.runtime.config.IdempotencyConfig;
import dev.errorcontract.runtime.metrics.ContractMetrics;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * What the idempotency filters need: which methods are idempotent, the store, body fingerprints and store keys. Built
 * at start-up, so that {@code store=redis} without the Quarkus Redis client fails start-up, naming the property.
 */
@Singleton
@Startup
public class IdempotencyGuard {

    private final IdempotencyConfig config;
    private final IdempotentMethods methods;
    private final IdempotencyStore store;
    private final ObjectMapper canonicalMapper;
    private final IdempotencyEvents events;

    IdempotencyGuard(IdempotencyConfig config, IdempotentMethods methods, ObjectMapper objectMapper,
            @Any Instance<RemoteIdempotencyStore> remoteStore, ContractMetrics metrics) {
        this.config = config;
        this.methods = methods;
        this.events = new IdempotencyEvents(metrics);
        this.canonicalMapper = objectMapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        if (config.store() == IdempotencyConfig.Store.REDIS) {
            if (!remoteStore.isResolvable()) {
                throw new ConfigurationException("quarkus.error-contract.idempotency.store=redis needs the "
                        + "quarkus-redis-client extension: add io.quarkus:quarkus-redis-client to the application");
            }
            this.store = remoteStore.get();
        } else {
            this.store = new MemoryIdempotencyStore(config.memory().maxEntries(), config.memory().maxEntriesPerCaller(),
                    config.memory().maxBytes().asLongValue(), events);
        }
    }

    IdempotencyConfig config() {
        return config;
    }

    IdempotencyStore store() {
        return store;
    }

    IdempotencyEvents events() {
        return events;
    }

    Boolean requiresKey(ResteasyReactiveResourceInfo resource) {
        return methods.requiresKey(resource);
    }

    /** A hash of the body: of its canonical form (keys sorted) when it is JSON, else of its bytes. */
    String fingerprint(byte[] body, boolean json) {
        byte[] canonical = body;
        if (json && body.length > 0) {
            try {
                canonical = canonicalMapper.writeValueAsBytes(canonicalMapper.readValue(body, Object.class));
            } catch (java.io.IOException e) {
                canonical = body; // not valid JSON: the request will fail anyway, compare its bytes
            }
        }
        return sha256(canonical);
    }

    /** The caller's identity as the store sees it: hashed, so no API key is kept in memory or in Redis. */
    String callerKey(String identity) {
        return sha256(String.valueOf(identity).getBytes(StandardCharsets.UTF_8));
    }

    /** The store key of a request: the caller, the method and path, and the key, hashed to a fixed length. */
    String storeKey(String identity, String method, String path, String key) {
        return sha256((identity + '\n' + method + ' ' + path + '\n' + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
