package dev.errorcontract.deployment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.errorcontract.ErrorCodes;

/**
 * Adds the contract to the OpenAPI document generated at build time: the problem schema once, exactly as the server
 * renders it, and to each operation the error responses it can really produce.
 */
final class ContractOpenApiFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    private static final String PROBLEM_JSON = "application/problem+json";

    /** What the build knows of one operation. */
    record OperationFacts(boolean secured, boolean validated, boolean pathParameters, boolean rateLimited,
            boolean ietfHeaders, boolean idempotent, boolean readsBody, boolean typedParameters, boolean consumes, boolean produces,
            boolean callsUpstream, boolean mayBeUnavailable, boolean timeout, boolean faultToleranceRateLimit,
            Map<Integer, String> declaredStatuses) {
    }

    private final Map<String, Map<String, OperationFacts>> factsByPath;

    ContractOpenApiFilter(Map<String, Map<String, OperationFacts>> factsByPath) {
        this.factsByPath = factsByPath;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            Map<String, OperationFacts> operations = factsByPath.get(path);
            if (operations != null && item.getOperations() != null) {
                item.getOperations().forEach((method, operation) -> {
                    OperationFacts facts = operations.get(method.name());
                    if (facts != null) {
                        addErrorResponses(operation, facts);
                    }
                });
            }
        });
    }

    private static void addErrorResponses(Operation operation, OperationFacts facts) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean jsonBody = hasJsonBody(operation);
        if (jsonBody && facts.typedParameters()) {
            add(responses, 400, ErrorCodes.MALFORMED_BODY, "The body is not valid JSON or does not fit the expected "
                    + "shape (malformed_body), or a parameter is not of its type (bad_request, naming it in errors[])");
        } else if (jsonBody) {
            add(responses, 400, ErrorCodes.MALFORMED_BODY, "The body is not valid JSON or does not fit the expected "
                    + "shape (malformed_body)");
        } else if (facts.typedParameters()) {
            add(responses, 400, "A parameter is not of its type (a number, a date, ...); errors[] names it");
        }
        if (facts.secured()) {
            APIResponse unauthorized = add(responses, 401, "Missing or invalid credentials");
            if (unauthorized != null) {
                unauthorized.addHeader("WWW-Authenticate", stringHeader("The authentication challenge"));
            }
            add(responses, 403, "Authenticated, not permitted");
        }
        if (facts.pathParameters()) {
            add(responses, 404, "No such resource");
        }
        if (facts.produces()) {
            add(responses, 406, "None of the media types in Accept can be produced");
        }
        if (facts.idempotent()) {
            APIResponse conflict = add(responses, 409, "The Idempotency-Key was used with another body "
                    + "(idempotency_conflict), or its first request still runs (request_in_progress, with Retry-After)");
            if (conflict != null) {
                conflict.addHeader("Retry-After", integerHeader("Seconds to wait before retrying (request_in_progress)"));
            }
        }
        if (facts.readsBody()) {
            add(responses, 413, "The request body is larger than the server accepts");
        }
        if (facts.consumes()) {
            add(responses, 415, "The Content-Type is not one the operation reads");
        }
        if (facts.validated()) {
            add(responses, 422, "The body or a parameter failed validation; see errors[]");
        }
        facts.declaredStatuses().forEach((status, code) -> add(responses, status, code,
                ErrorCodes.defaultTitle(status) + " (" + code + ")"));
        if (facts.rateLimited() || facts.faultToleranceRateLimit()) {
            add(responses, 429, "The rate limit is used up; retry after Retry-After seconds");
        }
        add(responses, 500, "Unexpected error; quote the request_id when reporting it");
        if (facts.callsUpstream()) {
            add(responses, 502, "An upstream service failed or could not be reached");
        }
        if (facts.mayBeUnavailable()) {
            add(responses, 503, "Temporarily unavailable (an open circuit breaker, a full bulkhead, the idempotency or rate-limit store "
                    + "down); see Retry-After");
        }
        if (facts.callsUpstream() || facts.timeout()) {
            add(responses, 504, "An upstream service or the operation timed out");
        }
        addHeaders(responses, facts);
    }

    /** The contract's headers, on every response of the operation that can carry them (the application's too). */
    private static void addHeaders(APIResponses responses, OperationFacts facts) {
        responses.getAPIResponses().forEach((key, response) -> {
            int status = key.matches("\\d{3}") ? Integer.parseInt(key) : 0;
            addIfAbsent(response, "X-Request-Id", stringHeader("The request's correlation id, also request_id in error bodies"));
            if (status == 423 || status == 429 || status == 503) {
                addIfAbsent(response, "Retry-After", integerHeader("Seconds to wait before retrying, at least 1"));
            }
            if (facts.rateLimited() && status != 401 && status != 403) {
                if (facts.ietfHeaders()) {
                    addIfAbsent(response, "RateLimit-Policy", stringHeader("The limits of the bucket (IETF RateLimit "
                            + "header fields: a list of policies with q and w)"));
                    addIfAbsent(response, "RateLimit", stringHeader("The limit closest to being used up, with r "
                            + "(remaining) and t (seconds until a permit is available)"));
                } else {
                    addIfAbsent(response, "RateLimit-Limit", integerHeader("Permits per period of the limit closest to "
                            + "being used up"));
                    addIfAbsent(response, "RateLimit-Remaining", integerHeader("Permits left"));
                    addIfAbsent(response, "RateLimit-Reset", integerHeader("Seconds until a permit is available again"));
                }
            }
            if (facts.idempotent() && status < 500 && status != 401 && status != 403) {
                addIfAbsent(response, "Idempotent-Replayed", stringHeader("true when this is the stored response of an "
                        + "earlier request with the same Idempotency-Key"));
            }
        });
    }

    private static void addIfAbsent(APIResponse response, String name,
            Header header) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, header);
        }
    }

    /** Whether the operation reads a JSON body, which the contract answers with 400 when it cannot be read. */
    private static boolean hasJsonBody(Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().getMediaTypes() != null
                && operation.getRequestBody().getContent().getMediaTypes().keySet().stream()
                        .anyMatch(type -> type.startsWith("application/json") || type.contains("+json"));
    }

    private static APIResponse add(APIResponses responses, int status, String description) {
        return add(responses, status, ErrorCodes.defaultCode(status), description);
    }

    /** Adds a response unless the application documented that status itself; returns the added one. */
    private static APIResponse add(APIResponses responses, int status, String code, String description) {
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

    private static Header integerHeader(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
    }

    private static Header stringHeader(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    /** The problem body exactly as ProblemDetailsRenderer writes it. */
    static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("The field as the caller wrote it"))
                .addProperty("pointer", string("JSON pointer into the request body"))
                .addProperty("in", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .enumeration(List.of("body", "query", "path", "header")))
                .addProperty("code", string("Machine-readable code of the problem"))
                .addProperty("message", string("Human text, safe to show"))
                .required(List.of("field", "code", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An error of the contract (RFC 9457 problem details with extension members)")
                .addProperty("type", string("about:blank, or the configured base URI followed by the code"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)))
                .addProperty("detail", string("Human explanation of this occurrence, safe to show"))
                .addProperty("instance", string("The request path"))
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .pattern("^[a-z][a-z0-9]*(_[a-z0-9]+)*$"))
                .addProperty("request_id", string("Correlation id, also in the X-Request-Id header"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .addProperty("retry_after", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .minimum(BigDecimal.ZERO))
                .required(List.of("type", "title", "status", "code", "errors"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
