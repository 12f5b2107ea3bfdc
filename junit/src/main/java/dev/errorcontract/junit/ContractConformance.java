package dev.errorcontract.junit;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A conformance check an application adds to its own {@code @QuarkusTest} with one line:
 *
 * <pre>{@code
 * @Test
 * void errorsFollowTheContract() {
 *     ContractConformance.withHeader("X-API-KEY", "test-key").check();
 * }
 * }</pre>
 *
 * It walks the operations of the application's OpenAPI document and sends each what clients get wrong: an unknown
 * route, a method the path does not serve, a body of the wrong media type, malformed JSON, JSON of the wrong shape, no
 * body, a query parameter of the wrong type, and no credentials. Every answer that is not 2xx must be a contract error
 * body whose status the document declares for the operation (a wrong method must be 405 with {@code Allow}). The
 * check fails once, listing every violation. It only sends requests that must fail: none creates or changes anything
 * unless the application accepts what it should refuse, which is then reported.
 */
public final class ContractConformance {

    private final Map<String, String> credentials = new LinkedHashMap<>();
    private String document = "/q/openapi?format=json";

    private ContractConformance() {
    }

    /** Credentials for the requests that should get past authentication (all but the no-credentials probe). */
    public static ContractConformance withHeader(String name, String value) {
        return new ContractConformance().andHeader(name, value);
    }

    /** Without credentials: for applications without security. */
    public static ContractConformance anonymous() {
        return new ContractConformance();
    }

    public ContractConformance andHeader(String name, String value) {
        credentials.put(name, value);
        return this;
    }

    /** Where the document is, when not at {@code /q/openapi}. */
    public ContractConformance document(String path) {
        this.document = path;
        return this;
    }

    /** Sends the probes against RestAssured's configured base URI and port; throws listing every violation. */
    public void check() {
        List<String> violations = run();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " answers break the error contract:\n  - "
                    + String.join("\n  - ", violations));
        }
    }

    /** The violations, without failing: for tests that assert on them. */
    public List<String> run() {
        OpenApiDocument openApi = OpenApiDocument.parse(given().get(document).then().statusCode(200).extract().asString());
        List<String> violations = new ArrayList<>();
        String unknown = "/no-such-route-" + UUID.randomUUID();
        expectProblem(violations, "unknown route GET " + unknown, authenticated().get(unknown), 404);
        for (OpenApiDocument.Operation operation : openApi.operations()) {
            String path = concrete(operation, openApi.root());
            String verb = operation.method().toUpperCase(Locale.ROOT);
            if (operation.isSecured(openApi.root())) {
                declared(violations, openApi, operation, "no credentials", given().request(verb, path));
            }
            if (operation.hasRequestBody()) {
                declared(violations, openApi, operation, "text/plain body",
                        authenticated().contentType("text/plain").body("not json").request(verb, path));
                declared(violations, openApi, operation, "malformed JSON",
                        authenticated().contentType("application/json").body("{\"unterminated\":").request(verb, path));
                declared(violations, openApi, operation, "JSON of the wrong shape",
                        authenticated().contentType("application/json").body(wrongShape(operation, openApi.root()))
                                .request(verb, path));
                declared(violations, openApi, operation, "no body",
                        authenticated().contentType("application/json").request(verb, path));
            }
            for (JsonNode parameter : operation.parameters(openApi.root())) {
                String type = OpenApiDocument.resolve(openApi.root(), parameter.path("schema")).path("type").asText("");
                if ("query".equals(parameter.path("in").asText()) && List.of("integer", "number", "boolean").contains(type)) {
                    declared(violations, openApi, operation, "query parameter " + parameter.path("name").asText()
                            + "=abc (" + type + ")",
                            authenticated().queryParam(parameter.path("name").asText(), "abc").request(verb, path));
                }
            }
        }
        for (String path : pathsOf(openApi)) {
            String concrete = concrete(openApi.operations().stream().filter(o -> o.path().equals(path)).findFirst()
                    .orElseThrow(), openApi.root());
            for (String verb : List.of("get", "post", "put", "delete", "patch")) {
                if (openApi.operations().stream().noneMatch(o -> o.path().equals(path) && o.method().equals(verb))) {
                    Response response = authenticated().request(verb.toUpperCase(Locale.ROOT), concrete);
                    String probe = "unsupported method " + verb.toUpperCase(Locale.ROOT) + " " + concrete;
                    expectProblem(violations, probe, response, 405);
                    if (response.statusCode() == 405 && response.header("Allow") == null) {
                        violations.add(probe + ": 405 without an Allow header");
                    }
                    break;
                }
            }
        }
        return violations;
    }

    private RequestSpecification authenticated() {
        RequestSpecification request = given().urlEncodingEnabled(true);
        credentials.forEach(request::header);
        return request;
    }

    private static void declared(List<String> violations, OpenApiDocument openApi, OpenApiDocument.Operation operation,
            String probe, Response response) {
        if (response.statusCode() < 400) {
            if (!probe.equals("no credentials")) {
                violations.add(operation + " with " + probe + ": answered " + response.statusCode()
                        + " where an error was expected");
            }
            return;
        }
        String where = operation + " with " + probe + ": ";
        if (!operation.declares(response.statusCode())) {
            violations.add(where + "status " + response.statusCode() + " is not declared (declared: "
                    + operation.statuses() + ")");
        }
        ProblemAssert.violations(response).forEach(violation -> violations.add(where + violation));
    }

    private static void expectProblem(List<String> violations, String probe, Response response, int status) {
        if (response.statusCode() != status) {
            violations.add(probe + ": status " + response.statusCode() + ", expected " + status);
        }
        ProblemAssert.violations(response).forEach(violation -> violations.add(probe + ": " + violation));
    }

    /** The path with each parameter replaced by a value of its type. */
    private static String concrete(OpenApiDocument.Operation operation, JsonNode root) {
        String path = operation.path();
        for (JsonNode parameter : operation.parameters(root)) {
            if ("path".equals(parameter.path("in").asText())) {
                String type = OpenApiDocument.resolve(root, parameter.path("schema")).path("type").asText("string");
                path = path.replace("{" + parameter.path("name").asText() + "}",
                        "integer".equals(type) || "number".equals(type) ? "1" : "x");
            }
        }
        return path.replaceAll("\\{[^/}]+}", "x");
    }

    /** A JSON value the operation's body schema does not accept: an array for an object, an object otherwise. */
    private static String wrongShape(OpenApiDocument.Operation operation, JsonNode root) {
        JsonNode content = operation.node().path("requestBody").path("content");
        JsonNode schema = OpenApiDocument.resolve(root, content.path("application/json").path("schema"));
        return "array".equals(schema.path("type").asText()) ? "{\"not\":\"an array\"}" : "[\"not\", \"an object\"]";
    }

    private static List<String> pathsOf(OpenApiDocument openApi) {
        return openApi.operations().stream().map(OpenApiDocument.Operation::path).distinct().toList();
    }
}
