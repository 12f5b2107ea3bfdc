package dev.errorcontract.runtime.dev;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

import dev.errorcontract.ApiError;
import dev.errorcontract.runtime.devui.DevActivity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * What the Dev UI card shows of the running application: the most recent error responses and the rate-limit
 * decisions per bucket, in memory. A bean only in dev mode; in other modes nothing records anything.
 */
@Singleton
public class DevActivityBuffer implements DevActivity {

    /** How many error responses the card keeps. */
    static final int RECENT_ERRORS = 100;
    /** How many identity-to-principal pairs the card remembers. */
    static final int KNOWN_PRINCIPALS = 10_000;

    private final Deque<RecentError> recentErrors = new ArrayDeque<>(RECENT_ERRORS);
    private final BroadcastProcessor<RecentError> newErrors = BroadcastProcessor.create();
    private final Map<String, Decisions> decisions = new ConcurrentHashMap<>();
    /** Who each rate-limit identity is (the authenticated principal), for the callers the card lists. */
    private final Map<String, String> principals = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KNOWN_PRINCIPALS;
        }
    };

    /**
     * An error response the application sent: what the list shows, and for the details the body as sent, the headers
     * the error set, and who called (the authenticated principal; never a credential).
     */
    public record RecentError(String time, String requestId, String method, String path, int status, String code,
            String title, String detail, int fieldErrors, String caller, Map<String, List<String>> headers,
            String body) {
    }

    /** Rate-limit checks of one bucket since the application started. */
    public record Decisions(LongAdder allowed, LongAdder rejected) {
    }

    @Override
    public void error(ApiError error, String method, String caller, Map<String, List<String>> headers, String body) {
        RecentError recent = new RecentError(Instant.now().toString(), error.requestId(), method, error.instance(),
                error.status(), error.code(), error.title(), error.detail(), error.errors().size(), caller,
                Map.copyOf(headers), body);
        synchronized (recentErrors) {
            if (recentErrors.size() == RECENT_ERRORS) {
                recentErrors.removeLast();
            }
            recentErrors.addFirst(recent);
            newErrors.onNext(recent); // under the lock: a processor takes one signal at a time
        }
    }

    @Override
    public void rateLimit(String bucket, boolean allowed) {
        Decisions counts = decisions.computeIfAbsent(bucket, ignored -> new Decisions(new LongAdder(), new LongAdder()));
        (allowed ? counts.allowed() : counts.rejected()).increment();
    }

    @Override
    public void caller(String identity, String principal) {
        if (principal != null) {
            synchronized (principals) {
                principals.put(identity, principal);
            }
        }
    }

    /** The principal a rate-limit identity belongs to, or {@code null} when none authenticated with it. */
    String principalOf(String identity) {
        synchronized (principals) {
            return principals.get(identity);
        }
    }

    /** The recent errors, newest first. */
    public List<RecentError> recentErrors() {
        synchronized (recentErrors) {
            return new ArrayList<>(recentErrors);
        }
    }

    public void clearRecentErrors() {
        synchronized (recentErrors) {
            recentErrors.clear();
        }
    }

    /** Each error response from now on, as it is sent. */
    public Multi<RecentError> newErrors() {
        return newErrors;
    }

    long allowed(String bucket) {
        Decisions counts = decisions.get(bucket);
        return counts == null ? 0 : counts.allowed().sum();
    }

    long rejected(String bucket) {
        Decisions counts = decisions.get(bucket);
        return counts == null ? 0 : counts.rejected().sum();
    }
}
