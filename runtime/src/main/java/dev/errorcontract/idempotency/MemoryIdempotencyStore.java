package dev.errorcontract.idempotency;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Uni;

/**
 * Keys in this instance's memory, bounded: past {@code maxEntries}, expired keys are dropped first, then arbitrary
 * completed ones (a running request's key is never dropped).
 */
final class MemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(String fingerprint, StoredResponse response, long expiresAtNanos) {
        boolean expired(long now) {
            return now - expiresAtNanos > 0;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    MemoryIdempotencyStore(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Override
    public Uni<Claim> claim(String key, String fingerprint, Duration lockTimeout) {
        long now = System.nanoTime();
        if (entries.size() >= maxEntries) {
            evict(now);
        }
        AtomicReference<Claim> claim = new AtomicReference<>();
        entries.compute(key, (ignored, existing) -> {
            if (existing == null || existing.expired(now)) {
                claim.set(new Claim.Claimed());
                return new Entry(fingerprint, null, now + lockTimeout.toNanos());
            }
            claim.set(existing.response() == null ? new Claim.InProgress(existing.fingerprint())
                    : new Claim.Completed(existing.fingerprint(), existing.response()));
            return existing;
        });
        return Uni.createFrom().item(claim.get());
    }

    @Override
    public Uni<Void> complete(String key, String fingerprint, StoredResponse response, Duration retention) {
        entries.put(key, new Entry(fingerprint, response, System.nanoTime() + retention.toNanos()));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> release(String key) {
        entries.computeIfPresent(key, (ignored, existing) -> existing.response() == null ? null : existing);
        return Uni.createFrom().voidItem();
    }

    int size() {
        return entries.size();
    }

    private void evict(long now) {
        entries.values().removeIf(entry -> entry.expired(now));
        int excess = entries.size() - (maxEntries - Math.max(1, maxEntries / 10));
        Iterator<Entry> iterator = entries.values().iterator();
        while (excess > 0 && iterator.hasNext()) {
            if (iterator.next().response() != null) {
                iterator.remove();
                excess--;
            }
        }
    }
}
