package dev.errorcontract.runtime.idempotency;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** Where idempotency keys and their responses are kept; every operation is atomic per key. */
public interface IdempotencyStore {

    /**
     * Claims the key for a request with this body fingerprint, unless it is running or completed.
     *
     * @param caller a hash of the caller's identity, for stores that bound each caller's keys
     */
    Uni<Claim> claim(String caller, String key, String fingerprint, Duration lockTimeout);

    /** Stores the response of the request that claimed the key, replacing its claim. */
    Uni<Void> complete(String caller, String key, String fingerprint, StoredResponse response, Duration retention);

    /** Frees the key, for a request whose response is not stored (a 5xx, by default). */
    Uni<Void> release(String key);
}
