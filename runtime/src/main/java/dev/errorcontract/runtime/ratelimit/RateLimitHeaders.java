package dev.errorcontract.runtime.ratelimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.errorcontract.runtime.config.RateLimitConfig.HeaderStyle;

/** The rate-limit response headers of a decision, in the configured style. */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** An RFC 8941 String: printable ASCII, with {@code \\} and {@code "} escaped; anything else becomes {@code ?}. */
    static String sfString(String value) {
        StringBuilder string = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '"') {
                string.append('\\').append(c);
            } else {
                string.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
        }
        return string.append('"').toString();
    }

    static Map<String, List<String>> of(RateLimitDecision decision, HeaderStyle style) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (style != HeaderStyle.IETF) {
            headers.put("RateLimit-Limit", List.of(Long.toString(decision.limit())));
            headers.put("RateLimit-Remaining", List.of(Long.toString(decision.remaining())));
            headers.put("RateLimit-Reset", List.of(Long.toString(decision.resetSeconds())));
        }
        if (style != HeaderStyle.DRAFT) {
            List<String> policies = new ArrayList<>();
            for (int i = 0; i < decision.policies().size(); i++) {
                RateLimitDecision.Policy policy = decision.policies().get(i);
                policies.add(sfString(decision.policyName(i)) + ";q=" + policy.permits() + ";w=" + policy.windowSeconds());
            }
            headers.put("RateLimit-Policy", List.of(String.join(", ", policies)));
            headers.put("RateLimit", List.of(sfString(decision.policyName(decision.policy())) + ";r="
                    + decision.remaining() + ";t=" + decision.resetSeconds()));
        }
        return headers;
    }
}
