package dev.errorcontract.runtime.idempotency;

/** An idempotency store shared by several instances (the Redis one), a bean only when its client is present. */
public interface RemoteIdempotencyStore extends IdempotencyStore {
}
