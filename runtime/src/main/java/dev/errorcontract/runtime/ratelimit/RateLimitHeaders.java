package dev.errorcontract.runtime.ratelimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import dev.errorcontract.runtime.config.RateLimitConfig.HeaderStyle;

/**
 * The rate-limit headers, both ways: those a decision of this server sends, in the configured style, and what a REST
 * client reads back from another server's response (the draft's {@code RateLimit-Limit/-Remaining/-Reset} or the IETF
 * {@code RateLimit} field).
 */
public final class RateLimitHeaders {

    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";
    public static final String POLICY = "RateLimit-Policy";
    public static final String IETF = "RateLimit";

    private RateLimitHeaders() {
    }

    static Map<String, List<String>> of(RateLimitDecision decision, HeaderStyle style) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (style != HeaderStyle.IETF) {
            headers.put(LIMIT, List.of(Long.toString(decision.limit())));
            headers.put(REMAINING, List.of(Long.toString(decision.remaining())));
            headers.put(RESET, List.of(Long.toString(decision.resetSeconds())));
        }
        if (style != HeaderStyle.DRAFT) {
            List<String> policies = new ArrayList<>();
            for (int i = 0; i < decision.policies().size(); i++) {
                RateLimitDecision.Policy policy = decision.policies().get(i);
                policies.add(sfString(decision.policyName(i)) + ";q=" + policy.permits() + ";w=" + policy.windowSeconds());
            }
            headers.put(POLICY, List.of(String.join(", ", policies)));
            headers.put(IETF, List.of(sfString(decision.policyName(decision.policy())) + ";r="
                    + decision.remaining() + ";t=" + decision.resetSeconds()));
        }
        return headers;
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

    /** The permits per period of a received limit, from {@code RateLimit-Limit}. */
    public static OptionalLong limit(Function<String, Optional<String>> header) {
        return number(header.apply(LIMIT).orElse(null));
    }

    /** The permits left, from {@code RateLimit-Remaining} or the {@code r} parameter of {@code RateLimit}. */
    public static OptionalLong remaining(Function<String, Optional<String>> header) {
        OptionalLong remaining = number(header.apply(REMAINING).orElse(null));
        return remaining.isPresent() ? remaining : ietfParameter(header, "r");
    }

    /** Seconds until the limit resets, from {@code RateLimit-Reset} or the {@code t} parameter of {@code RateLimit}. */
    public static OptionalLong reset(Function<String, Optional<String>> header) {
        OptionalLong reset = number(header.apply(RESET).orElse(null));
        return reset.isPresent() ? reset : ietfParameter(header, "t");
    }

    private static OptionalLong ietfParameter(Function<String, Optional<String>> header, String name) {
        String field = header.apply(IETF).orElse(null);
        if (field == null) {
            return OptionalLong.empty();
        }
        for (String parameter : field.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals(name)) {
                return number(pair[1]);
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong number(String value) {
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
