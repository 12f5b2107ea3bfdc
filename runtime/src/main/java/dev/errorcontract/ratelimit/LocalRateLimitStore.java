package dev.errorcontract.ratelimit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Buckets in this instance's memory, bounded: past {@code maxEntries}, idle buckets are dropped first, then arbitrary
 * ones, so that a flood of new identities cannot exhaust memory.
 */
final class LocalRateLimitStore {

    private static final class Entry {
        final Bucket bucket;
        volatile long lastAccessNanos;

        Entry(Bucket bucket, long now) {
            this.bucket = bucket;
            this.lastAccessNanos = now;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long idleExpiryNanos;
    private final AtomicBoolean evicting = new AtomicBoolean();

    LocalRateLimitStore(int maxEntries, long idleExpiryNanos) {
        this.maxEntries = maxEntries;
        this.idleExpiryNanos = idleExpiryNanos;
    }

    RateLimitDecision tryConsume(BucketDefinition definition, String identity) {
        long now = System.nanoTime();
        String key = definition.name() + '\u0000' + identity;
        Entry entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= maxEntries) {
                evict(now);
            }
            entry = entries.computeIfAbsent(key,
                    ignored -> new Entry(newBucket(definition), now));
        }
        entry.lastAccessNanos = now;
        return decision(definition, entry.bucket.asVerbose().tryConsumeAndReturnRemaining(1));
    }

    private static Bucket newBucket(BucketDefinition definition) {
        LocalBucketBuilder builder = Bucket.builder();
        for (Bandwidth limit : definition.configuration().getBandwidths()) {
            builder.addLimit(limit);
        }
        return builder.build();
    }

    int size() {
        return entries.size();
    }

    /**
     * The callers of a bucket with the permits each has left (of the limit closest to being used up), fewest first,
     * at most {@code max} of them; reading does not take a permit.
     */
    List<RateLimitUsage.Caller> callers(String bucket, int max) {
        String prefix = bucket + '\u0000';
        List<RateLimitUsage.Caller> callers = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (key.startsWith(prefix)) {
                callers.add(new RateLimitUsage.Caller(key.substring(prefix.length()),
                        entry.bucket.getAvailableTokens()));
            }
        });
        callers.sort(Comparator.comparingLong(RateLimitUsage.Caller::remaining));
        return callers.size() > max ? List.copyOf(callers.subList(0, max)) : callers;
    }

    private void evict(long now) {
        if (!evicting.compareAndSet(false, true)) {
            return;
        }
        try {
            entries.values().removeIf(entry -> now - entry.lastAccessNanos > idleExpiryNanos);
            int excess = entries.size() - (maxEntries - Math.max(1, maxEntries / 10));
            Iterator<Map.Entry<String, Entry>> iterator = entries.entrySet().iterator();
            while (excess-- > 0 && iterator.hasNext()) {
                iterator.next();
                iterator.remove();
            }
        } finally {
            evicting.set(false);
        }
    }

    static RateLimitDecision decision(BucketDefinition definition, VerboseResult<ConsumptionProbe> result) {
        ConsumptionProbe probe = result.getValue();
        long[] available = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        Bandwidth[] bandwidths = result.getConfiguration().getBandwidths();
        // report the limit closest to being used up; of equals, the one that takes longest to refill
        int binding = 0;
        long bindingReset = resetNanos(bandwidths[0], available[0]);
        for (int i = 1; i < available.length; i++) {
            long reset = resetNanos(bandwidths[i], available[i]);
            if (available[i] < available[binding] || (available[i] == available[binding] && reset > bindingReset)) {
                binding = i;
                bindingReset = reset;
            }
        }
        Bandwidth limit = bandwidths[binding];
        long remaining = Math.max(0, available[binding]);
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, RateLimitDecision.ceilSeconds(probe.getNanosToWaitForRefill()));
        return new RateLimitDecision(probe.isConsumed(), definition.name(), limit.getCapacity(), remaining,
                RateLimitDecision.ceilSeconds(bindingReset), retryAfter, definition.policies());
    }

    /** How long until a limit with this many permits left is full again. */
    private static long resetNanos(Bandwidth limit, long available) {
        long missing = limit.getCapacity() - Math.max(0, available);
        return missing <= 0 ? 0 : (long) Math.ceil((double) missing * limit.getRefillPeriodNanos() / limit.getRefillTokens());
    }
}
