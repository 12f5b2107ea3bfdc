package dev.errorcontract.runtime.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.errorcontract.ApiError;
import dev.errorcontract.ApiException;

/** The waits between retries: the server's Retry-After plus a small spread, else full-jitter exponential backoff. */
class ContractBackoffTest {

    static final int SAMPLES = 200;

    static ContractBackoff backoff(long initialDelayMillis) {
        ContractBackoff backoff = new ContractBackoff();
        backoff.init(initialDelayMillis);
        return backoff;
    }

    @Test
    void neverSoonerThanTheServersRetryAfterAndSpreadOverAQuarterSecond() {
        ApiException limited = ApiException.received(ApiError.of(429).withRetryAfter(3L), Map.of(), null, null);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long delay = backoff(0).nextDelayInMillis(new RuntimeException(limited));
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertTrue(min >= 3_000, "never sooner than Retry-After: " + min);
        assertTrue(max <= 3_250, "spread over at most 250 ms: " + max);
        assertTrue(max > min, "callers told the same wait are spread");
    }

    @Test
    void withoutRetryAfterTheCeilingDoublesFromTheDelayWithFullJitter() {
        ApiException unavailable = ApiException.received(ApiError.of(503), Map.of(), null, null);
        long[] ceilings = { 200, 400, 800, 1_600 };
        long[] highest = new long[ceilings.length];
        for (int sample = 0; sample < SAMPLES; sample++) {
            ContractBackoff backoff = backoff(200);
            for (int attempt = 0; attempt < ceilings.length; attempt++) {
                long delay = backoff.nextDelayInMillis(unavailable);
                assertTrue(delay >= 0 && delay <= ceilings[attempt], "attempt " + attempt + ": " + delay);
                highest[attempt] = Math.max(highest[attempt], delay);
            }
        }
        for (int attempt = 0; attempt < ceilings.length; attempt++) {
            assertTrue(highest[attempt] > ceilings[attempt] / 2, "jitter up to the ceiling of attempt " + attempt);
        }
    }

    @Test
    void theBaseIsAtLeast100MillisAndTheCeiling30Seconds() {
        ApiException failed = ApiException.received(ApiError.of(502), Map.of(), null, null);
        long firstHighest = 0;
        for (int sample = 0; sample < SAMPLES; sample++) {
            long first = backoff(0).nextDelayInMillis(failed);
            assertTrue(first <= 100, "a @Retry delay of 0 still backs off from 100 ms: " + first);
            firstHighest = Math.max(firstHighest, first);
        }
        assertTrue(firstHighest > 50);
        ContractBackoff backoff = backoff(1_000);
        for (int attempt = 0; attempt < 40; attempt++) {
            long delay = backoff.nextDelayInMillis(failed);
            assertTrue(delay <= 30_000, "capped at 30 s, attempt " + attempt + ": " + delay);
        }
    }
}
