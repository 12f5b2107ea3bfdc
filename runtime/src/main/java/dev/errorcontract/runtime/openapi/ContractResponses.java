package dev.errorcontract.runtime.openapi;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.errorcontract.ErrorCodes;
import dev.errorcontract.runtime.config.RateLimitConfig.HeaderStyle;

/**
 * The contract's error responses and headers in an OpenAPI document, as the build writes them (from what it knows of
 * each resource method) and as {@link RateLimitOpenApiFilter} completes them at start-up (from the run-time
 * configuration of rate limits).
 */
public final class ContractResponses {

    public static final String PROBLEM = "Problem";
    public static final String TOO_MANY_REQUESTS = "The rate limit is used up; retry after Retry-After seconds";
    public static final String UNAVAILABLE = "Temporarily unavailable (an open circuit breaker, a full bulkhead, the "
            + "idempotency or rate-limit store down); see Retry-After";

    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    private static final String PROBLEM_JSON = "application/problem+json";

    private ContractResponses() {
    }

    /** The OpenAPI path of a Jakarta REST path template: {@code /tasks/{id: \d+}} is {@code /tasks/{id}}. */
    public static String openApiPath(String template) {
        return template.replaceAll("\\{\\s*([\\w.-]+)\\s*:[^}]*}", "{$1}");
    }

    /** Adds a response with the status's catalogue code, unless the operation documents that status already. */
    public static APIResponse add(APIResponses responses, int status, String description) {
        return add(responses, status, ErrorCodes.defaultCode(status), description);
    }

    /** Adds a response unless the application documented that status itself; returns the added one. */
    public static APIResponse add(APIResponses responses, int status, String code, String description) {
        String key = Integer.toString(status);
        if (responses.hasAPIResponse(key)) {
            return null;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(PROBLEM_JSON, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_REF))
                        .example(Map.of("type", "about:blank", "title", ErrorCodes.defaultTitle(status),
                                "status", status, "code", code,
                                "request_id", "3f0c8a3e9d4b4f7c9a51d1b0c2a7e6f4", "errors", List.of()))));
        responses.addAPIResponse(key, response);
        return response;
    }

    /**
     * The contract's headers on every response of an operation that can carry them (the application's responses too):
     * {@code X-Request-Id}, {@code Retry-After} on 423, 429 and 503, and {@code Idempotent-Replayed} on what an
     * idempotent operation can replay.
     */
    public static void addHeaders(APIResponses responses, boolean idempotent) {
        responses.getAPIResponses().forEach((key, response) -> {
            int status = status(key);
            addIfAbsent(response, "X-Request-Id",
                    stringHeader("The request's correlation id, also request_id in error bodies"));
            if (status == 423 || status == 429 || status == 503) {
                addIfAbsent(response, "Retry-After", integerHeader("Seconds to wait before retrying, at least 1"));
            }
            if (idempotent && status < 500 && status != 401 && status != 403) {
                addIfAbsent(response, "Idempotent-Replayed", stringHeader("true when this is the stored response of an "
                        + "earlier request with the same Idempotency-Key"));
            }
        });
    }

    /** The rate-limit headers of a limited operation, on every response but 401 and 403 (answered before the check). */
    public static void addRateLimitHeaders(APIResponses responses, HeaderStyle style) {
        responses.getAPIResponses().forEach((key, response) -> {
            int status = status(key);
            if (status == 401 || status == 403) {
                return;
            }
            if (style != HeaderStyle.IETF) {
                addIfAbsent(response, "RateLimit-Limit", integerHeader("Permits per period of the limit closest to "
                        + "being used up"));
                addIfAbsent(response, "RateLimit-Remaining", integerHeader("Permits left"));
                addIfAbsent(response, "RateLimit-Reset", integerHeader("Seconds until a permit is available again"));
            }
            if (style != HeaderStyle.DRAFT) {
                addIfAbsent(response, "RateLimit-Policy", stringHeader("The limits of the bucket (IETF RateLimit "
                        + "header fields: a list of policies with q and w)"));
                addIfAbsent(response, "RateLimit", stringHeader("The limit closest to being used up, with r "
                        + "(remaining) and t (seconds until a permit is available)"));
            }
        });
    }

    public static Header integerHeader(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
    }

    public static Header stringHeader(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    /** The status of a response key, or 0 for {@code default} and ranges such as {@code 4XX}. */
    private static int status(String key) {
        return key.matches("\\d{3}") ? Integer.parseInt(key) : 0;
    }

    private static void addIfAbsent(APIResponse response, String name, Header header) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, header);
        }
    }
}
