package dev.errorcontract.runtime.idempotency;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.smallrye.mutiny.Uni;

/**
 * Keys in this instance's memory, bounded by entries (in all and per caller) and by stored bytes.
 * <p>
 * Making room never touches a key whose request still runs. Past a caller's own bound, that caller's oldest completed
 * key goes; past the global bound, the oldest completed key of the caller holding the most keys goes, so a caller that
 * floods the store evicts its own keys before anyone else's. Past the byte budget, the oldest bodies of the caller
 * holding the most bytes are dropped but their keys stay (a retry is answered 409, not run again). Expired keys go
 * before any of that. Every operation takes one lock: each is a few map operations.
 */
final class MemoryIdempotencyStore implements IdempotencyStore {

    private static final long SWEEP_WHEN_FULL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SWEEP_ANYWAY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** A key: in progress while {@code response} is {@code null}. */
    private static final class Entry {
        final String key;
        final Caller caller;
        final String fingerprint;
        StoredResponse response;
        long expiresAtNanos;

        Entry(String key, Caller caller, String fingerprint, long expiresAtNanos) {
            this.key = key;
            this.caller = caller;
            this.fingerprint = fingerprint;
            this.expiresAtNanos = expiresAtNanos;
        }

        boolean expired(long now) {
            return now - expiresAtNanos > 0;
        }

        long bytes() {
            return response == null ? 0 : response.size();
        }
    }

    /** One caller's keys, in the order they were claimed, then completed (a completed key moves to the end). */
    private static final class Caller {
        final String id;
        final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
        long bytes;

        Caller(String id) {
            this.id = id;
        }
    }

    private final int maxEntries;
    private final int maxEntriesPerCaller;
    private final long maxBytes;
    private final IdempotencyEvents events;

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Caller> callers = new HashMap<>();
    /** Callers by number of keys, most first; a caller is taken out before it changes and put back after. */
    private final TreeSet<Caller> byEntries = new TreeSet<>(
            Comparator.comparingInt((Caller caller) -> caller.entries.size()).reversed().thenComparing(caller -> caller.id));
    /** Callers by stored bytes, most first. */
    private final TreeSet<Caller> byBytes = new TreeSet<>(
            Comparator.comparingLong((Caller caller) -> caller.bytes).reversed().thenComparing(caller -> caller.id));
    private long bytes;
    private long lastSweepNanos = System.nanoTime();

    MemoryIdempotencyStore(int maxEntries, int maxEntriesPerCaller, long maxBytes, IdempotencyEvents events) {
        this.maxEntries = Math.max(1, maxEntries);
        this.maxEntriesPerCaller = Math.max(1, Math.min(maxEntriesPerCaller, maxEntries));
        this.maxBytes = maxBytes;
        this.events = events;
    }

    @Override
    public synchronized Uni<Claim> claim(String callerId, String key, String fingerprint, Duration lockTimeout) {
        long now = System.nanoTime();
        Entry existing = entries.get(key);
        if (existing != null && !existing.expired(now)) {
            return Uni.createFrom().item(existing.response == null ? new Claim.InProgress(existing.fingerprint)
                    : new Claim.Completed(existing.fingerprint, existing.response));
        }
        if (existing != null) {
            remove(existing);
        }
        Caller caller = callers.get(callerId);
        if (caller != null && caller.entries.size() >= maxEntriesPerCaller && !evictFrom(caller, now)) {
            return full("all " + maxEntriesPerCaller + " keys of this caller are held by running requests");
        }
        if (entries.size() >= maxEntries) {
            sweepIfDue(now, SWEEP_WHEN_FULL_NANOS);
        }
        if (entries.size() >= maxEntries && !evictFromLargestCaller(now)) {
            return full("all " + maxEntries + " keys are held by running requests");
        }
        caller = callers.computeIfAbsent(callerId, Caller::new);
        detach(caller);
        Entry entry = new Entry(key, caller, fingerprint, now + lockTimeout.toNanos());
        caller.entries.put(key, entry);
        entries.put(key, entry);
        attach(caller);
        sweepIfDue(now, SWEEP_ANYWAY_NANOS);
        return Uni.createFrom().item(new Claim.Claimed());
    }

    @Override
    public synchronized Uni<Void> complete(String callerId, String key, String fingerprint, StoredResponse response,
            Duration retention) {
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry != null) {
            remove(entry); // re-added at the end of its caller's keys: the newest completed one
        }
        if (response.body() != null && response.size() > maxBytes) {
            response = response.withoutBody();
            events.bodyDropped();
        }
        while (bytes + response.size() > maxBytes && dropOldestBody()) {
            events.bodyDropped();
        }
        Caller caller = callers.computeIfAbsent(callerId, Caller::new);
        detach(caller);
        Entry completed = new Entry(key, caller, fingerprint, now + retention.toNanos());
        completed.response = response;
        caller.entries.put(key, completed);
        caller.bytes += completed.bytes();
        bytes += completed.bytes();
        entries.put(key, completed);
        attach(caller);
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Void> release(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.response == null) {
            remove(entry);
        }
        return Uni.createFrom().voidItem();
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    private static Uni<Claim> full(String why) {
        return Uni.createFrom().failure(new IllegalStateException("The in-memory idempotency store is full: " + why));
    }

    /** Makes room in this caller's keys: an expired one, else its oldest completed one. */
    private boolean evictFrom(Caller caller, long now) {
        Entry oldestCompleted = null;
        for (Entry entry : caller.entries.values()) {
            if (entry.expired(now)) {
                remove(entry);
                return true;
            }
            if (entry.response != null && oldestCompleted == null) {
                oldestCompleted = entry;
                break;
            }
        }
        if (oldestCompleted == null) {
            return false;
        }
        remove(oldestCompleted);
        events.evicted();
        return true;
    }

    private boolean evictFromLargestCaller(long now) {
        for (Caller caller : byEntries) {
            if (evictFrom(caller, now)) {
                return true;
            }
        }
        return false;
    }

    /** Drops the oldest stored body of the caller holding the most bytes; its key stays. */
    private boolean dropOldestBody() {
        for (Caller caller : byBytes) {
            if (caller.bytes == 0) {
                return false;
            }
            for (Entry entry : caller.entries.values()) {
                if (entry.response != null && entry.response.body() != null) {
                    detach(caller);
                    long before = entry.bytes();
                    entry.response = entry.response.withoutBody();
                    caller.bytes -= before - entry.bytes();
                    bytes -= before - entry.bytes();
                    attach(caller);
                    return true;
                }
            }
        }
        return false;
    }

    private void remove(Entry entry) {
        Caller caller = entry.caller;
        detach(caller);
        caller.entries.remove(entry.key);
        caller.bytes -= entry.bytes();
        bytes -= entry.bytes();
        entries.remove(entry.key);
        if (caller.entries.isEmpty()) {
            callers.remove(caller.id);
        } else {
            attach(caller);
        }
    }

    private void sweepIfDue(long now, long interval) {
        if (now - lastSweepNanos < interval) {
            return;
        }
        lastSweepNanos = now;
        for (Iterator<Entry> iterator = entries.values().iterator(); iterator.hasNext();) {
            Entry entry = iterator.next();
            if (entry.expired(now)) {
                iterator.remove();
                Caller caller = entry.caller;
                detach(caller);
                caller.entries.remove(entry.key);
                caller.bytes -= entry.bytes();
                bytes -= entry.bytes();
                if (caller.entries.isEmpty()) {
                    callers.remove(caller.id);
                } else {
                    attach(caller);
                }
            }
        }
    }

    private void detach(Caller caller) {
        byEntries.remove(caller);
        byBytes.remove(caller);
    }

    private void attach(Caller caller) {
        byEntries.add(caller);
        byBytes.add(caller);
    }
}
