package dev.errorcontract.runtime.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RateLimitDecisionTest {

    static final BucketDefinition ONE_LIMIT = new BucketDefinition("api", null,
            List.of(new RateLimitDecision.Policy(90, 60)), "api-key");
    static final BucketDefinition TWO_LIMITS = new BucketDefinition("layered", null,
            List.of(new RateLimitDecision.Policy(2, 1), new RateLimitDecision.Policy(4, 3600)), "api-key");

    @Test
    void anAllowedRequestReportsTheResetRoundedUpAndNoRetryAfter() {
        RateLimitDecision decision = RateLimitDecision.of(true, ONE_LIMIT, 0, 90, 89,
                Duration.ofMillis(666).toNanos());
        assertEquals(1, decision.resetSeconds());
        assertEquals(0, decision.retryAfterSeconds());
        assertEquals(89, decision.remaining());
        assertEquals("api", decision.bucket());
    }

    @Test
    void anAllowedRequestWithAPermitDueNowResetsInZero() {
        assertEquals(0, RateLimitDecision.of(true, ONE_LIMIT, 0, 90, 90, 0).resetSeconds());
    }

    @Test
    void aRejectedRequestRetriesAfterTheResetAndNeverSoonerThanOneSecond() {
        RateLimitDecision later = RateLimitDecision.of(false, ONE_LIMIT, 0, 90, 0, Duration.ofMillis(2_001).toNanos());
        assertEquals(3, later.retryAfterSeconds());
        assertEquals(3, later.resetSeconds(), "reset and Retry-After agree");
        RateLimitDecision due = RateLimitDecision.of(false, ONE_LIMIT, 0, 90, 0, 0);
        assertEquals(1, due.retryAfterSeconds());
        assertEquals(1, due.resetSeconds());
    }

    @Test
    void policiesAreNamedByTheBucketAndWithSeveralLimitsByIndex() {
        assertEquals("api", RateLimitDecision.of(true, ONE_LIMIT, 0, 90, 1, 0).policyName(0));
        RateLimitDecision layered = RateLimitDecision.of(true, TWO_LIMITS, 1, 4, 1, 0);
        assertEquals("layered-0", layered.policyName(0));
        assertEquals("layered-1", layered.policyName(1));
    }
}
