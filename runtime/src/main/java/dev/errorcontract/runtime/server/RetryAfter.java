package dev.errorcontract.runtime.server;

import java.time.Duration;

/**
 * The one place a wait becomes a number of seconds for {@code Retry-After} (and {@code retry_after}, and the
 * rate-limit reset): whole seconds, rounded up, so that a caller who waits as told is not refused again for coming a
 * fraction of a second early; and, for {@code Retry-After}, never below 1, since a wait of 0 invites an immediate
 * retry storm.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** A wait as the {@code Retry-After} the contract sends: whole seconds, rounded up, at least 1. */
    public static long seconds(Duration wait) {
        if (wait == null) {
            throw new IllegalArgumentException("retryAfter must not be null");
        }
        return Math.max(1, ceilSeconds(wait));
    }

    /** A wait already in whole seconds (a setting) as the {@code Retry-After} the contract sends: at least 1. */
    public static long seconds(long seconds) {
        return Math.max(1, seconds);
    }

    /** Whole seconds, rounded up; 0 for a wait that is zero or negative (a reset that is due, a date in the past). */
    public static long ceilSeconds(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return 0;
        }
        return wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    }
}
