package dev.errorcontract.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void aWaitIsRoundedUpToWholeSeconds() {
        assertEquals(1, RetryAfter.seconds(Duration.ofMillis(1)));
        assertEquals(1, RetryAfter.seconds(Duration.ofSeconds(1)));
        assertEquals(2, RetryAfter.seconds(Duration.ofMillis(1_001)));
        assertEquals(2, RetryAfter.seconds(Duration.ofSeconds(1, 1)));
        assertEquals(3600, RetryAfter.seconds(Duration.ofHours(1)));
    }

    @Test
    void retryAfterIsNeverBelowOne() {
        assertEquals(1, RetryAfter.seconds(Duration.ZERO));
        assertEquals(1, RetryAfter.seconds(Duration.ofSeconds(-5)));
        assertEquals(1, RetryAfter.seconds(0));
        assertEquals(1, RetryAfter.seconds(-3));
        assertEquals(30, RetryAfter.seconds(30));
    }

    @Test
    void ceilSecondsMayBeZero() {
        assertEquals(0, RetryAfter.ceilSeconds(Duration.ZERO));
        assertEquals(0, RetryAfter.ceilSeconds(Duration.ofMillis(-1)));
        assertEquals(1, RetryAfter.ceilSeconds(Duration.ofNanos(1)));
        assertEquals(90, RetryAfter.ceilSeconds(Duration.ofSeconds(90)));
    }

    @Test
    void noWaitIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> RetryAfter.seconds(null));
    }
}
