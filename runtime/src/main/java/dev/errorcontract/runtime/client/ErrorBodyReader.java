package dev.errorcontract.runtime.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.FieldError;
import dev.errorcontract.runtime.server.RetryAfter;

/**
 * Reads an error response into the contract's model: the status first, the body second. It understands RFC 9457
 * problem details and the common envelopes ({@code errors[]} of objects or strings, {@code error} + {@code message} +
 * {@code details}, {@code error} + {@code error_code} + {@code detail}, {@code code} + {@code message} +
 * {@code status}); any other body, or none, still gives an error with the right status. It never throws.
 */
public final class ErrorBodyReader {

    /** The longest detail kept (it is also the exception's message): a few paragraphs, never a whole page. */
    static final int MAX_DETAIL_CHARS = 2000;
    private static final int MAX_TEXT_CHARS = 500;
    private static final int MAX_CODE_CHARS = 100;
    private static final int MAX_ERRORS = 100;
    private static final Pattern MACHINE_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,99}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();
    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private ErrorBodyReader() {
    }

    /**
     * @param status the HTTP status, which the error always keeps
     * @param body the body bytes, possibly empty or {@code null}
     * @param retryAfterHeader the {@code Retry-After} header, or {@code null}
     */
    public static ApiError read(int status, byte[] body, String retryAfterHeader) {
        int safeStatus = status < 100 || status > 599 ? 500 : status;
        ApiError error = ApiError.of(safeStatus, ErrorCodes.defaultCode(safeStatus), null);
        try {
            JsonNode root = body == null || body.length == 0 ? null : JSON.readTree(body);
            if (root != null && root.isObject()) {
                error = fromObject(safeStatus, root);
            }
        } catch (Exception | StackOverflowError e) {
            // not JSON, or JSON in no shape we know: the status alone tells what happened
        }
        Long retryAfter = parseRetryAfter(retryAfterHeader, Instant.now());
        if (retryAfter != null) {
            error = error.withRetryAfter(retryAfter);
        }
        return error;
    }

    /** {@code Retry-After} as delay-seconds or HTTP-date (a date in the past is 0); {@code null} when absent or invalid. */
    public static Long parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? null : seconds;
        } catch (NumberFormatException notSeconds) {
            try {
                Instant date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return RetryAfter.ceilSeconds(Duration.between(now, date));
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private static ApiError fromObject(int status, JsonNode root) {
        String code = firstText(root, "code", "error_code");
        if (code != null && code.chars().allMatch(Character::isDigit)) {
            code = null; // {"code": 500, "status": "failure"}: the status again, not a code
        }
        String error = text(root.get("error"));
        JsonNode message = root.get("message");
        JsonNode detailNode = root.get("detail");
        List<FieldError> errors = new ArrayList<>();

        String detail = text(detailNode);
        if (code == null && message != null && message.isObject()) {
            code = firstText(message, "error_code", "code");
        }
        if (code == null && error != null && MACHINE_CODE.matcher(error).matches() && !error.contains(" ")) {
            code = error; // {"error": "rate_limit_exceeded", "message": "..."}
        } else if (detail == null && error != null) {
            detail = error; // {"error": "Not found", "error_code": null, ...}: the error is the human text
        }
        if (message != null) {
            String messageText = message.isObject() ? joined(message.get("message")) : joined(message);
            if (messageText != null && (detail == null || detail.equals(error))) {
                detail = messageText;
            }
        }
        List<String> general = new ArrayList<>();
        collectErrors(root.get("errors"), errors, general);
        collectErrors(root.get("details"), errors, general);
        if (detailNode != null && detailNode.isArray()) {
            collectErrors(detailNode, errors, general);
        }
        if (!general.isEmpty()) {
            // messages that name no field describe the whole request: they belong to the detail, all of them
            String messages = String.join("; ", general);
            detail = detail == null ? messages : detail + ": " + messages;
        }
        if (detail == null && !errors.isEmpty()) {
            detail = errors.stream().map(FieldError::message).filter(m -> m != null).reduce((a, b) -> a + "; " + b)
                    .orElse(null);
        }
        ApiError read = new ApiError(status, capped(code, MAX_CODE_CHARS), capped(text(root.get("title")), MAX_TEXT_CHARS),
                capped(detail, MAX_DETAIL_CHARS), capped(text(root.get("instance")), MAX_TEXT_CHARS),
                capped(firstText(root, "request_id", "requestId", "trace_id", "traceId"), MAX_TEXT_CHARS), errors, null,
                Map.of());
        JsonNode retryAfter = root.get("retry_after");
        if (retryAfter != null && retryAfter.canConvertToLong() && retryAfter.asLong() >= 0) {
            read = read.withRetryAfter(retryAfter.asLong());
        }
        return read;
    }

    private static void collectErrors(JsonNode list, List<FieldError> fieldErrors, List<String> general) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (JsonNode item : list) {
            if (fieldErrors.size() + general.size() >= MAX_ERRORS) {
                return;
            }
            if (item.isTextual()) {
                String message = capped(text(item), MAX_TEXT_CHARS);
                if (message != null) {
                    general.add(message);
                }
            } else if (item.isObject()) {
                FieldError error = fieldError(item);
                if (error.field() != null || error.pointer() != null) {
                    fieldErrors.add(error);
                } else if (error.message() != null) {
                    general.add(error.message());
                }
            }
        }
    }

    private static FieldError fieldError(JsonNode item) {
        String field = firstText(item, "field", "param", "name", "property");
        String in = text(item.get("in"));
        JsonNode loc = item.get("loc"); // ["body", "name"]
        if (field == null && loc != null && loc.isArray() && !loc.isEmpty()) {
            List<String> parts = new ArrayList<>();
            loc.forEach(part -> parts.add(part.asText()));
            if (List.of("body", "query", "path", "header").contains(parts.get(0))) {
                in = parts.remove(0);
            }
            field = parts.isEmpty() ? null : String.join(".", parts);
        }
        String pointer = text(item.get("pointer"));
        if (pointer == null && field != null && (in == null || in.equals(FieldError.IN_BODY))) {
            pointer = FieldError.body(field, null, null).pointer();
        }
        return new FieldError(capped(field, MAX_TEXT_CHARS), capped(pointer, MAX_TEXT_CHARS), capped(in, MAX_CODE_CHARS),
                capped(firstText(item, "code", "type", "error_code"), MAX_CODE_CHARS),
                capped(firstText(item, "message", "msg", "detail", "description"), MAX_TEXT_CHARS));
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String value = text(node.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static String joined(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(part -> {
                String value = text(part);
                if (value != null) {
                    parts.add(value);
                }
            });
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
        return text(node);
    }

    private static String capped(String text, int maxChars) {
        return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars - 1) + "\u2026";
    }

    /** The body as text for {@code ApiException.rawBody()}, cut at {@code maxBytes}. */
    static String rawBody(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            return null;
        }
        return new String(body, 0, Math.min(body.length, Math.max(0, maxBytes)), StandardCharsets.UTF_8);
    }
}
