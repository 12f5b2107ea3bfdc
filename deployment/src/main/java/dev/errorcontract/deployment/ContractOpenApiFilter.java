package dev.errorcontract.deployment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.errorcontract.ErrorCodes;
import dev.errorcontract.runtime.openapi.ContractResponses;
import dev.errorcontract.runtime.openapi.RateLimitOpenApiFilter;

/**
 * Adds the contract to the OpenAPI document generated at build time: the problem schema once, exactly as the server
 * renders it, and to each operation the error responses it can really produce. What depends on the run-time
 * configuration of rate limits is added at start-up, by {@link RateLimitOpenApiFilter}.
 */
final class ContractOpenApiFilter implements OASFilter {

    /** What the build knows of one operation. */
    record OperationFacts(boolean secured, boolean validated, boolean pathParameters, boolean idempotent,
            boolean readsBody, boolean typedParameters, boolean consumes, boolean produces, boolean callsUpstream,
            boolean mayBeUnavailable, boolean timeout, boolean faultToleranceRateLimit,
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
        openAPI.getComponents().addSchema(ContractResponses.PROBLEM, problemSchema());
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
            ContractResponses.add(responses, 400, ErrorCodes.MALFORMED_BODY, "The body is not valid JSON or does not "
                    + "fit the expected shape (malformed_body), or a parameter is not of its type (bad_request, naming "
                    + "it in errors[])");
        } else if (jsonBody) {
            ContractResponses.add(responses, 400, ErrorCodes.MALFORMED_BODY, "The body is not valid JSON or does not "
                    + "fit the expected shape (malformed_body)");
        } else if (facts.typedParameters()) {
            ContractResponses.add(responses, 400,
                    "A parameter is not of its type (a number, a date, ...); errors[] names it");
        }
        if (facts.secured()) {
            APIResponse unauthorized = ContractResponses.add(responses, 401, "Missing or invalid credentials");
            if (unauthorized != null) {
                unauthorized.addHeader("WWW-Authenticate",
                        ContractResponses.stringHeader("The authentication challenge"));
            }
            ContractResponses.add(responses, 403, "Authenticated, not permitted");
        }
        if (facts.pathParameters()) {
            ContractResponses.add(responses, 404, "No such resource");
        }
        if (facts.produces()) {
            ContractResponses.add(responses, 406, "None of the media types in Accept can be produced");
        }
        if (facts.idempotent()) {
            APIResponse conflict = ContractResponses.add(responses, 409, "The Idempotency-Key was used with another body "
                    + "(idempotency_conflict), or its first request still runs (request_in_progress, with Retry-After)");
            if (conflict != null) {
                conflict.addHeader("Retry-After",
                        ContractResponses.integerHeader("Seconds to wait before retrying (request_in_progress)"));
            }
        }
        if (facts.readsBody()) {
            ContractResponses.add(responses, 413, "The request body is larger than the server accepts");
        }
        if (facts.consumes()) {
            ContractResponses.add(responses, 415, "The Content-Type is not one the operation reads");
        }
        if (facts.validated()) {
            ContractResponses.add(responses, 422, "The body or a parameter failed validation; see errors[]");
        }
        facts.declaredStatuses().forEach((status, code) -> ContractResponses.add(responses, status, code,
                ErrorCodes.defaultTitle(status) + " (" + code + ")"));
        if (facts.faultToleranceRateLimit()) {
            ContractResponses.add(responses, 429, ContractResponses.TOO_MANY_REQUESTS);
        }
        ContractResponses.add(responses, 500, "Unexpected error; quote the request_id when reporting it");
        if (facts.callsUpstream()) {
            ContractResponses.add(responses, 502, "An upstream service failed or could not be reached");
        }
        if (facts.mayBeUnavailable()) {
            ContractResponses.add(responses, 503, ContractResponses.UNAVAILABLE);
        }
        if (facts.callsUpstream() || facts.timeout()) {
            ContractResponses.add(responses, 504, "An upstream service or the operation timed out");
        }
        ContractResponses.addHeaders(responses, facts.idempotent());
    }

    /** Whether the operation reads a JSON body, which the contract answers with 400 when it cannot be read. */
    private static boolean hasJsonBody(Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().getMediaTypes() != null
                && operation.getRequestBody().getContent().getMediaTypes().keySet().stream()
                        .anyMatch(type -> type.startsWith("application/json") || type.contains("+json"));
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
