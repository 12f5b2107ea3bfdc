package dev.errorcontract.runtime.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.errorcontract.runtime.config.RateLimitConfig.HeaderStyle;

class RateLimitHeadersTest {

    /** The hourly limit of a two-limit bucket is the closer one: 1 left, a permit back in 900 s. */
    static final RateLimitDecision LAYERED = RateLimitDecision.of(true, RateLimitDecisionTest.TWO_LIMITS, 1, 4, 1,
            Duration.ofSeconds(899).plusMillis(10).toNanos());

    @Test
    void draftHeadersReportTheLimitClosestToBeingUsedUp() {
        assertEquals(Map.of("RateLimit-Limit", List.of("4"), "RateLimit-Remaining", List.of("1"),
                "RateLimit-Reset", List.of("900")), RateLimitHeaders.of(LAYERED, HeaderStyle.DRAFT));
    }

    @Test
    void ietfFieldsListEveryPolicyAndReportTheClosestOne() {
        assertEquals(Map.of("RateLimit-Policy", List.of("\"layered-0\";q=2;w=1, \"layered-1\";q=4;w=3600"),
                "RateLimit", List.of("\"layered-1\";r=1;t=900")), RateLimitHeaders.of(LAYERED, HeaderStyle.IETF));
    }

    @Test
    void bothStylesTogether() {
        assertEquals(List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy",
                "RateLimit"), List.copyOf(RateLimitHeaders.of(LAYERED, HeaderStyle.BOTH).keySet()));
    }

    @Test
    void policyNamesAreStructuredFieldStrings() {
        assertEquals("\"api\"", RateLimitHeaders.sfString("api"));
        assertEquals("\"a\\\"b\\\\c\"", RateLimitHeaders.sfString("a\"b\\c"));
        assertEquals("\"caf?-?\"", RateLimitHeaders.sfString("café-\n"));
    }

    @Test
    void aClientReadsTheDraftHeadersFirst() {
        Function<String, Optional<String>> headers = headers(Map.of("RateLimit-Limit", "100",
                "RateLimit-Remaining", "7", "RateLimit-Reset", "30", "RateLimit", "\"api\";r=1;t=2"));
        assertEquals(OptionalLong.of(100), RateLimitHeaders.limit(headers));
        assertEquals(OptionalLong.of(7), RateLimitHeaders.remaining(headers));
        assertEquals(OptionalLong.of(30), RateLimitHeaders.reset(headers));
    }

    @Test
    void aClientFallsBackToTheIetfField() {
        Function<String, Optional<String>> headers = headers(Map.of("RateLimit", "\"api\"; r=5 ;t=60"));
        assertEquals(OptionalLong.empty(), RateLimitHeaders.limit(headers));
        assertEquals(OptionalLong.of(5), RateLimitHeaders.remaining(headers));
        assertEquals(OptionalLong.of(60), RateLimitHeaders.reset(headers));
    }

    @Test
    void whatIsNoNumberIsAbsent() {
        Function<String, Optional<String>> headers = headers(Map.of("RateLimit-Limit", "lots",
                "RateLimit-Remaining", "", "RateLimit", "\"api\";r=many"));
        assertEquals(OptionalLong.empty(), RateLimitHeaders.limit(headers));
        assertEquals(OptionalLong.empty(), RateLimitHeaders.remaining(headers));
        assertEquals(OptionalLong.empty(), RateLimitHeaders.reset(headers));
        assertEquals(OptionalLong.empty(), RateLimitHeaders.reset(headers(Map.of())));
    }

    private static Function<String, Optional<String>> headers(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}
