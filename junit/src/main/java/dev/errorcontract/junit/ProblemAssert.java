package dev.errorcontract.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/**
 * Assertions on an error response of the contract, over RestAssured:
 *
 * <pre>{@code
 * ProblemAssert.assertThat(given().get("/tasks/42"))
 *         .isProblem(404, "not_found")
 *         .hasDetail("Task 42 does not exist");
 * }</pre>
 *
 * {@link #isProblem} checks the whole shape: the status, {@code application/problem+json}, the members {@code type},
 * {@code title}, {@code status} (equal to the HTTP status), {@code code} (snake_case), {@code errors} (an array) and
 * {@code request_id} equal to the {@code X-Request-Id} header.
 */
public final class ProblemAssert {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Response response;
    private JsonNode body;

    private ProblemAssert(Response response) {
        this.response = Objects.requireNonNull(response, "response");
    }

    public static ProblemAssert assertThat(Response response) {
        return new ProblemAssert(response);
    }

    /** The response is a contract error body with this status and code. */
    public ProblemAssert isProblem(int status, String code) {
        List<String> violations = violations(response);
        if (response.statusCode() != status) {
            violations.add(0, "status " + response.statusCode() + ", expected " + status);
        }
        if (violations.isEmpty() && !code.equals(body().path("code").asText())) {
            violations.add("code '" + body().path("code").asText() + "', expected '" + code + "'");
        }
        return failIf(violations);
    }

    /** The response is a contract error body, whatever its status and code. */
    public ProblemAssert isProblem() {
        return failIf(violations(response));
    }

    public ProblemAssert hasDetail(String detail) {
        return check(detail.equals(body().path("detail").asText(null)),
                "detail '" + body().path("detail").asText(null) + "', expected '" + detail + "'");
    }

    /** {@code errors[]} has an entry for this field (as the client wrote it) and place ({@code body}, {@code query}, ...). */
    public ProblemAssert hasFieldError(String field, String in) {
        for (JsonNode error : body().path("errors")) {
            if (field.equals(error.path("field").asText(null)) && in.equals(error.path("in").asText(null))) {
                return this;
            }
        }
        return check(false, "no field error for " + field + " in " + in + ": " + body().path("errors"));
    }

    /** {@code Retry-After} is at least this many seconds, and {@code retry_after} in the body agrees. */
    public ProblemAssert hasRetryAfterAtLeast(long seconds) {
        String header = response.header("Retry-After");
        check(header != null && header.matches("\\d+") && Long.parseLong(header) >= seconds,
                "Retry-After '" + header + "', expected at least " + seconds);
        JsonNode retryAfter = body().path("retry_after");
        return check(retryAfter.isMissingNode() || retryAfter.asText().equals(header),
                "retry_after " + retryAfter + " disagrees with Retry-After " + header);
    }

    public ProblemAssert hasHeader(String name, String value) {
        return check(value.equals(response.header(name)),
                "header " + name + " '" + response.header(name) + "', expected '" + value + "'");
    }

    /** What is wrong with a response that should be a contract error body; empty when nothing is. */
    static List<String> violations(Response response) {
        List<String> violations = new ArrayList<>();
        int status = response.statusCode();
        if (status < 400 || status > 599) {
            violations.add("status " + status + " is not an error status");
            return violations;
        }
        String contentType = response.contentType();
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            violations.add("content type '" + contentType + "', expected application/problem+json");
            return violations;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.asByteArray());
        } catch (Exception e) {
            violations.add("body is not JSON: " + abbreviate(response.asString()));
            return violations;
        }
        if (body == null || !body.isObject()) {
            violations.add("body is not a JSON object: " + abbreviate(response.asString()));
            return violations;
        }
        for (String member : List.of("type", "title", "code")) {
            if (!body.path(member).isTextual()) {
                violations.add("member '" + member + "' missing or not a string");
            }
        }
        if (body.path("status").asInt(-1) != status) {
            violations.add("member status " + body.path("status") + " differs from the HTTP status " + status);
        }
        if (body.path("code").isTextual() && !body.path("code").asText().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
            violations.add("code '" + body.path("code").asText() + "' is not snake_case");
        }
        if (!body.path("errors").isArray()) {
            violations.add("member 'errors' missing or not an array");
        }
        String requestId = response.header("X-Request-Id");
        if (requestId == null || !requestId.equals(body.path("request_id").asText(null))) {
            violations.add("request_id " + body.path("request_id") + " differs from X-Request-Id " + requestId);
        }
        return violations;
    }

    private JsonNode body() {
        if (body == null) {
            try {
                body = JSON.readTree(response.asByteArray());
            } catch (Exception e) {
                throw new AssertionError("the body is not JSON: " + abbreviate(response.asString()), e);
            }
        }
        return body;
    }

    private ProblemAssert check(boolean condition, String violation) {
        return failIf(condition ? List.of() : List.of(violation));
    }

    private ProblemAssert failIf(List<String> violations) {
        if (!violations.isEmpty()) {
            throw new AssertionError("Not the expected contract error (" + String.join("; ", violations) + ")\n"
                    + response.statusLine() + "\n" + abbreviate(response.asString()));
        }
        return this;
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
