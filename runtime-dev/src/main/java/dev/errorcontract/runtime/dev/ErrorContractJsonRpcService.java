package dev.errorcontract.runtime.dev;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Instance;

import dev.errorcontract.runtime.ratelimit.RateLimitDecision;
import dev.errorcontract.runtime.ratelimit.RateLimitUsage;
import dev.errorcontract.runtime.ratelimit.RateLimiter;
import io.smallrye.mutiny.Multi;

/** The Dev UI card's view of the running application, over Dev UI's JSON-RPC. Dev mode only. */
public class ErrorContractJsonRpcService {

    /** How many callers of a bucket the card lists. */
    static final int CALLERS_SHOWN = 20;

    private final DevActivityBuffer activity;
    private final Instance<RateLimiter> rateLimiter;

    ErrorContractJsonRpcService(DevActivityBuffer activity, Instance<RateLimiter> rateLimiter) {
        this.activity = activity;
        this.rateLimiter = rateLimiter;
    }

    /** The most recent error responses, newest first. */
    public List<DevActivityBuffer.RecentError> getRecentErrors() {
        return activity.recentErrors();
    }

    /** Each error response as it is sent. */
    public Multi<DevActivityBuffer.RecentError> streamRecentErrors() {
        return activity.newErrors();
    }

    public boolean clearRecentErrors() {
        activity.clearRecentErrors();
        return true;
    }

    /** The configured buckets with their limits, the decisions taken so far and the callers they track now. */
    public List<Bucket> getBuckets() {
        if (!rateLimiter.isResolvable()) {
            return List.of();
        }
        List<Bucket> buckets = new ArrayList<>();
        for (RateLimitUsage usage : rateLimiter.get().usage(CALLERS_SHOWN)) {
            buckets.add(new Bucket(usage.name(), usage.identity(), usage.limits(), usage.isDefault(), usage.store(),
                    activity.allowed(usage.name()), activity.rejected(usage.name()),
                    usage.callers().stream().map(caller -> new Caller(caller.identity(),
                            activity.principalOf(caller.identity()), caller.remaining())).toList()));
        }
        return buckets;
    }

    /** A bucket as the card shows it. */
    public record Bucket(String name, String identity, List<RateLimitDecision.Policy> limits, boolean isDefault,
            String store, long allowed, long rejected, List<Caller> callers) {
    }

    /** A caller of a bucket: its identity (an API key only as its hash) and, when known, who it is. */
    public record Caller(String identity, String principal, long remaining) {
    }
}
