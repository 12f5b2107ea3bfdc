package dev.errorcontract.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.errorcontract.ApiError;

/** The reader on the error bodies of the seed APIs, on bodies it cannot understand, and on generated garbage. */
class ErrorBodyReaderTest {

    static ApiError read(int status, String body) {
        return ErrorBodyReader.read(status, body == null ? null : body.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void rfc9457ProblemDetails() {
        ApiError error = read(422,
                """
                        {"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"1 field is not valid.",
                         "instance":"/tasks","code":"validation_error","request_id":"abc",
                         "errors":[{"field":"priority","pointer":"/priority","in":"body","code":"pattern","message":"Must be one of: low"}],
                         "retry_after":null}""");
        assertEquals("validation_error", error.code());
        assertEquals("1 field is not valid.", error.detail());
        assertEquals("/tasks", error.instance());
        assertEquals("abc", error.requestId());
        assertEquals("priority", error.errors().get(0).field());
        assertEquals("/priority", error.errors().get(0).pointer());
        assertEquals("pattern", error.errors().get(0).code());
    }

    @Test
    void auroraErrorsOfObjects() {
        ApiError error = read(400,
                "{\"errors\": [{\"message\": \"some error occurred\"}, {\"message\": \"some other error occurred\"}]}");
        assertEquals("bad_request", error.code());
        assertEquals("some error occurred; some other error occurred", error.detail());
        assertEquals(0, error.errors().size(), "messages without a field are the detail, not field errors");
    }

    @Test
    void aurionErrorMessageDetails() {
        ApiError error = read(422, """
                {"error": "validation_error", "message": "Human-readable description of what went wrong",
                 "details": [{"field": "priority", "message": "Must be one of: low, medium, high, urgent"}]}""");
        assertEquals("validation_error", error.code());
        assertEquals("Human-readable description of what went wrong", error.detail());
        assertEquals("priority", error.errors().get(0).field());
        assertEquals("/priority", error.errors().get(0).pointer());
        assertEquals("Must be one of: low, medium, high, urgent", error.errors().get(0).message());
    }

    @Test
    void aurionRetryAfterInTheBody() {
        ApiError error = read(429,
                "{\"error\":\"rate_limit_exceeded\",\"message\":\"Rate limit exceeded. Retry after 12 seconds.\",\"retry_after\":12}");
        assertEquals("rate_limit_exceeded", error.code());
        assertEquals(12L, error.retryAfter());
    }

    @Test
    void auraErrorErrorCodeDetail() {
        ApiError error = read(401,
                "{ \"error\": \"Not authenticated\", \"error_code\": null, \"detail\": \"Not authenticated\"}");
        assertEquals("unauthorized", error.code());
        assertEquals("Not authenticated", error.detail());

        ApiError coded = read(400,
                "{ \"error\": \"Human-readable message\", \"error_code\": \"machine_readable_code\", \"detail\": \"Additional context\"}");
        assertEquals("machine_readable_code", coded.code());
        assertEquals("Additional context", coded.detail());
    }

    @Test
    void auraValidationLocMsg() {
        ApiError error = read(422,
                "{ \"error\": \"Validation error\", \"detail\": [ { \"loc\": [\"body\", \"name\"], \"msg\": \"field required\", \"type\": \"value_error.missing\" } ]}");
        assertEquals("Validation error", error.detail());
        assertEquals("name", error.errors().get(0).field());
        assertEquals("body", error.errors().get(0).in());
        assertEquals("value_error.missing", error.errors().get(0).code());
        assertEquals("field required", error.errors().get(0).message());
    }

    @Test
    void kycCodeMessageStatus() {
        ApiError plain = read(500, "{ \"code\": 500, \"message\": \"Internal Server Error\", \"status\": \"failure\" }");
        assertEquals("internal_error", plain.code());
        assertEquals("Internal Server Error", plain.detail());

        ApiError nested = read(400,
                "{ \"code\": 400, \"message\": {\"error_code\":\"invalid_input\",\"message\":[\"'offset' is a required property\"]}}");
        assertEquals("invalid_input", nested.code());
        assertEquals("'offset' is a required property", nested.detail());
    }

    @Test
    void authRocketErrorsOfStrings() {
        ApiError error = read(422, "{\"errors\": [\"Name is required.\"], \"message\": \"Validation failed\"}");
        assertEquals("validation_error", error.code());
        assertEquals("Validation failed: Name is required.", error.detail());
        assertEquals(0, error.errors().size());
    }

    @Test
    void generalMessagesAndFieldErrorsTogether() {
        ApiError error = read(422, """
                {"errors": [{"message": "The request is not valid."}, {"field": "priority", "message": "Unknown"},
                            "Try again with a priority."], "message": "Validation failed"}""");
        assertEquals("Validation failed: The request is not valid.; Try again with a priority.", error.detail());
        assertEquals(1, error.errors().size());
        assertEquals("priority", error.errors().get(0).field());
    }

    @Test
    void bodiesWithoutAKnownShapeKeepTheStatus() {
        assertEquals(502, read(502, "<html><body>502 Bad Gateway</body></html>").status());
        assertEquals("bad_gateway", read(502, "<html>").code());
        assertEquals(503, read(503, "").status());
        assertEquals(503, read(503, null).status());
        assertEquals(500, read(500, "{\"unterminated\": ").status());
        assertEquals(429, read(429, "[1,2,3]").status());
        assertEquals(404, read(404, "\"just a string\"").status());
        assertNull(read(404, "null").detail());
    }

    @Test
    void retryAfterAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals(120L, ErrorBodyReader.parseRetryAfter("120", now));
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(90).atZone(ZoneOffset.UTC));
        assertEquals(90L, ErrorBodyReader.parseRetryAfter(inNinetySeconds, now));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(30).atZone(ZoneOffset.UTC));
        assertEquals(0L, ErrorBodyReader.parseRetryAfter(past, now));
        assertNull(ErrorBodyReader.parseRetryAfter("soon", now));
        assertNull(ErrorBodyReader.parseRetryAfter("-5", now));
    }

    /** Generated inputs: random bytes, mutated seed bodies, deep nesting; the reader only ever returns an error. */
    @Test
    void generatedInputsNeverBreakTheReader() {
        Random random = new Random(20261125L);
        String[] seeds = {
                "{\"errors\": [{\"message\": \"x\"}]}",
                "{\"error\": \"validation_error\", \"message\": \"m\", \"details\": [{\"field\": \"f\", \"message\": \"m\"}]}",
                "{ \"error\": \"e\", \"error_code\": \"c\", \"detail\": [ { \"loc\": [\"body\", 1], \"msg\": \"m\" } ]}",
                "{ \"code\": 400, \"message\": {\"error_code\":\"i\",\"message\":[\"a\", {\"b\": 1}]}}",
                "{\"type\":\"about:blank\",\"status\":\"not a number\",\"errors\":[null, 1, true, \"s\"],\"retry_after\":-1}",
        };
        for (int i = 0; i < 20_000; i++) {
            byte[] body;
            if (i % 3 == 0) {
                body = new byte[random.nextInt(200)];
                random.nextBytes(body);
            } else if (i % 3 == 1) {
                byte[] seed = seeds[random.nextInt(seeds.length)].getBytes(StandardCharsets.UTF_8);
                body = seed.clone();
                for (int m = 0; m < 1 + random.nextInt(5); m++) {
                    body[random.nextInt(body.length)] = (byte) random.nextInt(128);
                }
            } else {
                body = ("[".repeat(random.nextInt(5000)) + "{\"a\":").getBytes(StandardCharsets.UTF_8);
            }
            int status = 400 + random.nextInt(200);
            String retryAfter = random.nextBoolean() ? null : Long.toString(random.nextLong());
            ApiError error = ErrorBodyReader.read(status, body, retryAfter);
            assertEquals(status, error.status());
        }
    }
}
