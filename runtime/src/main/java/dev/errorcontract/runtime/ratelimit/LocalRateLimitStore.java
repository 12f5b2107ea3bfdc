package dev.errorcontract.runtime.ratelimit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Buckets in this instance's memory, bounded: past {@code maxEntries}, the least recently used caller's bucket is
 * dropped (counted by {@code onEviction}), so that a flood of new identities cannot exhaust memory and an active
 * caller keeps its state. Buckets idle for {@code idleExpiry} are dropped too. The callers are spread over up to 16
 * segments, each with its own lock and its own least-recently-used order.
 */
final class LocalRateLimitStore {

    private static final class Entry {
        final Bucket bucket;
        long lastAccessNanos;

        Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    private final class Segment extends LinkedHashMap<String, Entry> {
        private final int capacity;

        Segment(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            if (size() > capacity) {
                onEviction.run();
                return true;
            }
            return false;
        }

        /** Drops the buckets idle for too long, least recently used first, up to the first one in use. */
        void expireIdle(long now) {
            Iterator<Entry> oldest = values().iterator();
            while (oldest.hasNext() && now - oldest.next().lastAccessNanos > idleExpiryNanos) {
                oldest.remove();
            }
        }
    }

    private final Segment[] segments;
    private final long idleExpiryNanos;
    private final Runnable onEviction;

    LocalRateLimitStore(int maxEntries, long idleExpiryNanos, Runnable onEviction) {
        int count = Math.max(1, Math.min(16, maxEntries / 1024));
        this.segments = new Segment[count];
        for (int i = 0; i < count; i++) {
            segments[i] = new Segment(Math.max(1, maxEntries / count));
        }
        this.idleExpiryNanos = idleExpiryNanos;
        this.onEviction = onEviction;
    }

    RateLimitDecision tryConsume(BucketDefinition definition, String identity) {
        long now = System.nanoTime();
        String key = definition.name() + '\u0000' + identity;
        Segment segment = segments[Math.floorMod(key.hashCode() ^ (key.hashCode() >>> 16), segments.length)];
        Entry entry;
        synchronized (segment) {
            entry = segment.get(key);
            if (entry == null || now - entry.lastAccessNanos > idleExpiryNanos) {
                entry = new Entry(newBucket(definition));
                segment.put(key, entry);
            }
            entry.lastAccessNanos = now;
            segment.expireIdle(now);
        }
        VerboseResult<ConsumptionProbe> result = entry.bucket.asVerbose().tryConsumeAndReturnRemaining(1);
        return decision(definition, result);
    }

    private static Bucket newBucket(BucketDefinition definition) {
        LocalBucketBuilder builder = Bucket.builder();
        for (Bandwidth limit : definition.configuration().getBandwidths()) {
            builder.addLimit(limit);
        }
        return builder.build();
    }

    int size() {
        int size = 0;
        for (Segment segment : segments) {
            synchronized (segment) {
                size += segment.size();
            }
        }
        return size;
    }

    /**
     * The callers of a bucket with the permits each has left (of the limit closest to being used up), fewest first,
     * at most {@code max} of them; reading does not take a permit.
     */
    List<RateLimitUsage.Caller> callers(String bucket, int max) {
        String prefix = bucket + '\u0000';
        List<RateLimitUsage.Caller> callers = new ArrayList<>();
        for (Segment segment : segments) {
            synchronized (segment) {
                segment.forEach((key, entry) -> {
                    if (key.startsWith(prefix)) {
                        callers.add(new RateLimitUsage.Caller(key.substring(prefix.length()),
                                entry.bucket.getAvailableTokens()));
                    }
                });
            }
        }
        callers.sort(Comparator.comparingLong(RateLimitUsage.Caller::remaining));
        return callers.size() > max ? List.copyOf(callers.subList(0, max)) : callers;
    }

    static RateLimitDecision decision(BucketDefinition definition, VerboseResult<ConsumptionProbe> result) {
        ConsumptionProbe probe = result.getValue();
        long[] available = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        Bandwidth[] bandwidths = result.getConfiguration().getBandwidths();
        long remaining = Long.MAX_VALUE;
        for (long tokens : available) {
            remaining = Math.min(remaining, Math.max(0, tokens));
        }
        // report the limit with the fewest permits; of equals, the one slowest to give a permit back
        int binding = -1;
        for (int i = 0; i < available.length; i++) {
            if (Math.max(0, available[i]) == remaining
                    && (binding < 0 || nanosPerPermit(bandwidths[i]) > nanosPerPermit(bandwidths[binding]))) {
                binding = i;
            }
        }
        // until the caller has one permit more than now: for a rejected request, until it may try again
        long nextPermitNanos = probe.isConsumed()
                ? result.getState().calculateDelayNanosAfterWillBePossibleToConsume(remaining + 1,
                        result.getOperationTimeNanos(), false)
                : probe.getNanosToWaitForRefill();
        return RateLimitDecision.of(probe.isConsumed(), definition, binding, bandwidths[binding].getCapacity(), remaining,
                nextPermitNanos);
    }

    private static double nanosPerPermit(Bandwidth limit) {
        return (double) limit.getRefillPeriodNanos() / limit.getRefillTokens();
    }
}
