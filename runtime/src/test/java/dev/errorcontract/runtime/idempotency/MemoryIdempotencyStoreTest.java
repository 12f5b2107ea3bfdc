package dev.errorcontract.runtime.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.errorcontract.runtime.metrics.NoopContractMetrics;

/** The bounds of the in-memory store: which keys go first, whose, and what is never dropped. */
class MemoryIdempotencyStoreTest {

    static final Duration LOCK = Duration.ofSeconds(30);
    static final Duration RETENTION = Duration.ofHours(24);

    /** Counts the outcomes the store reports. */
    static final class CountingMetrics extends NoopContractMetrics {
        final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

        @Override
        public void idempotency(String outcome) {
            outcomes.computeIfAbsent(outcome, ignored -> new AtomicInteger()).incrementAndGet();
        }

        int count(String outcome) {
            AtomicInteger count = outcomes.get(outcome);
            return count == null ? 0 : count.get();
        }
    }

    final CountingMetrics metrics = new CountingMetrics();

    MemoryIdempotencyStore store(int maxEntries, int maxPerCaller, long maxBytes) {
        return new MemoryIdempotencyStore(maxEntries, maxPerCaller, maxBytes, new IdempotencyEvents(metrics));
    }

    static StoredResponse response(int bodySize) {
        return new StoredResponse(201, "application/json", Map.of(), new byte[bodySize], "req");
    }

    static void run(MemoryIdempotencyStore store, String caller, String key, int bodySize) {
        assertInstanceOf(Claim.Claimed.class, claim(store, caller, key));
        store.complete(caller, key, "f", response(bodySize), RETENTION).await().indefinitely();
    }

    static Claim claim(MemoryIdempotencyStore store, String caller, String key) {
        return store.claim(caller, key, "f", LOCK).await().indefinitely();
    }

    @Test
    void theOldestCompletedKeysGoFirst() {
        MemoryIdempotencyStore store = store(10, 10, Long.MAX_VALUE);
        for (int i = 0; i < 15; i++) {
            run(store, "alice", "k" + i, 1);
        }
        assertEquals(10, store.size());
        assertEquals(5, metrics.count("evicted"));
        for (int i = 5; i < 15; i++) {
            assertInstanceOf(Claim.Completed.class, claim(store, "alice", "k" + i), "k" + i + " is one of the newest");
        }
        assertInstanceOf(Claim.Claimed.class, claim(store, "alice", "k4"), "k4 was evicted");
    }

    @Test
    void aCompletedKeyCountsFromItsCompletionNotItsClaim() {
        MemoryIdempotencyStore store = store(3, 3, Long.MAX_VALUE);
        assertInstanceOf(Claim.Claimed.class, claim(store, "alice", "slow"));
        run(store, "alice", "a", 1);
        run(store, "alice", "b", 1);
        store.complete("alice", "slow", "f", response(1), RETENTION).await().indefinitely(); // completes last
        run(store, "alice", "c", 1);
        assertInstanceOf(Claim.Claimed.class, claim(store, "alice", "a"), "a completed first, so it went first");
        assertInstanceOf(Claim.Completed.class, claim(store, "alice", "slow"));
    }

    @Test
    void aRunningRequestsKeyIsNeverDropped() {
        MemoryIdempotencyStore store = store(3, 3, Long.MAX_VALUE);
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Claim.Claimed.class, claim(store, "alice", "running" + i));
        }
        IllegalStateException full = assertThrows(IllegalStateException.class,
                () -> claim(store, "alice", "one-more"));
        assertTrue(full.getMessage().contains("held by running requests"), full.getMessage());
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Claim.InProgress.class, claim(store, "alice", "running" + i));
        }
        assertEquals(0, metrics.count("evicted"));
    }

    @Test
    void aCallerPastItsOwnBoundEvictsOnlyItsOwnKeys() {
        MemoryIdempotencyStore store = store(1000, 500, Long.MAX_VALUE);
        for (int i = 0; i < 20; i++) {
            run(store, "alice", "alice-" + i, 1);
        }
        for (int i = 0; i < 3000; i++) {
            run(store, "bob", "bob-" + i, 1);
        }
        for (int i = 0; i < 20; i++) {
            assertInstanceOf(Claim.Completed.class, claim(store, "alice", "alice-" + i));
        }
        assertEquals(520, store.size());
        assertEquals(2500, metrics.count("evicted"));
    }

    @Test
    void aFullStoreEvictsFromTheCallerHoldingTheMostKeys() {
        MemoryIdempotencyStore store = store(100, 100, Long.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            run(store, "alice", "alice-" + i, 1);
        }
        for (int caller = 0; caller < 50; caller++) { // many callers, few keys each
            run(store, "caller-" + caller, "x-" + caller, 1);
        }
        for (int i = 0; i < 1000; i++) {
            run(store, "bob", "bob-" + i, 1);
        }
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(Claim.Completed.class, claim(store, "alice", "alice-" + i));
        }
        for (int caller = 0; caller < 50; caller++) {
            assertInstanceOf(Claim.Completed.class, claim(store, "caller-" + caller, "x-" + caller));
        }
        assertEquals(100, store.size());
    }

    @Test
    void pastTheByteBudgetTheBiggestCallersOldestBodiesAreDroppedAndTheirKeysKept() {
        MemoryIdempotencyStore store = store(100, 100, 10_000);
        run(store, "alice", "small", 500);
        for (int i = 0; i < 12; i++) {
            run(store, "bob", "big-" + i, 1000);
        }
        assertTrue(store.bytes() <= 10_000, "bytes " + store.bytes());
        Claim oldest = claim(store, "bob", "big-0");
        assertNull(((Claim.Completed) oldest).response().body(), "the oldest body was dropped, its key kept");
        Claim newest = claim(store, "bob", "big-11");
        assertEquals(1000, ((Claim.Completed) newest).response().body().length);
        Claim alice = claim(store, "alice", "small");
        assertEquals(500, ((Claim.Completed) alice).response().body().length, "the smaller caller keeps its body");
        assertEquals(3, metrics.count("body_dropped"));
        assertEquals(0, metrics.count("evicted"));
    }

    @Test
    void anExpiredKeyIsFreeAgain() throws InterruptedException {
        MemoryIdempotencyStore store = store(10, 10, Long.MAX_VALUE);
        assertInstanceOf(Claim.Claimed.class, claim(store, "alice", "k"));
        store.complete("alice", "k", "f", response(1), Duration.ofMillis(1)).await().indefinitely();
        Thread.sleep(5);
        assertInstanceOf(Claim.Claimed.class, claim(store, "alice", "k"));
    }

    @Test
    void aReleasedKeyIsFreeAndTheStoredResponseIsWhatWasStored() {
        MemoryIdempotencyStore store = store(10, 10, Long.MAX_VALUE);
        assertInstanceOf(Claim.Claimed.class, claim(store, "alice", "k"));
        store.release("k").await().indefinitely();
        assertInstanceOf(Claim.Claimed.class, claim(store, "alice", "k"));
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        store.complete("alice", "k", "f", new StoredResponse(201, "application/json",
                Map.of("Location", List.of("/tasks/1")), body, "req-1"), RETENTION).await().indefinitely();
        Claim.Completed completed = (Claim.Completed) claim(store, "alice", "k");
        assertArrayEquals(body, completed.response().body());
        assertEquals(List.of("/tasks/1"), completed.response().headers().get("Location"));
        assertEquals("req-1", completed.response().requestId());
        assertEquals(0, store.bytes() - completed.response().size());
    }
}
