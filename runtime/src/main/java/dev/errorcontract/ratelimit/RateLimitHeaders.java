package dev.errorcontract.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.errorcontract.config.RateLimitConfig.HeaderStyle;

/** The rate-limit response headers of a decision, in the configured style. */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    static Map<String, List<String>> of(RateLimitDecision decision, HeaderStyle style) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (style != HeaderStyle.IETF) {
            headers.put("RateLimit-Limit", List.of(Long.toString(decision.limit())));
            headers.put("RateLimit-Remaining", List.of(Long.toString(decision.remaining())));
            headers.put("RateLimit-Reset", List.of(Long.toString(decision.resetSeconds())));
        }
        if (style != HeaderStyle.DRAFT) {
            String name = '"' + decision.bucket().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            headers.put("RateLimit-Policy", List.of(decision.policies().stream()
                    .map(policy -> name + ";q=" + policy.permits() + ";w=" + policy.windowSeconds())
                    .collect(Collectors.joining(", "))));
            headers.put("RateLimit", List.of(name + ";r=" + decision.remaining() + ";t=" + decision.resetSeconds()));
        }
        return headers;
    }
}
