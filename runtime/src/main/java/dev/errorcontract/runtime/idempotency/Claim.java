package dev.errorcontract.runtime.idempotency;

/** What the store says when a request asks for its key. */
public sealed interface Claim {

    /** The key was free: this request runs and its response is stored. */
    record Claimed() implements Claim {
    }

    /** Another request with the key is running. */
    record InProgress(String fingerprint) implements Claim {
    }

    /** A request with the key completed: its response can be replayed (to a request with the same fingerprint). */
    record Completed(String fingerprint, StoredResponse response) implements Claim {
    }
}
