package dev.errorcontract.junit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Checks every response a test receives through RestAssured against the application's own OpenAPI document, the way
 * a validating proxy would: the status is one the operation declares, every header of the contract the response
 * carries ({@code X-Request-Id}, {@code Retry-After}, the rate-limit headers, {@code WWW-Authenticate},
 * {@code Idempotent-Replayed}) is declared for that status, and an error is a contract body. A test that sees a
 * response the document does not describe fails, naming the operation and what is missing.
 *
 * <pre>
 * {@code
 * &#64;QuarkusTest
 * &#64;ExtendWith(DocumentedResponses.class)
 * class TasksTest { ... }
 * }
 * </pre>
 *
 * Requests to {@code /q/} and to paths the document does not list (hidden operations, unknown routes) are not checked.
 */
public final class DocumentedResponses implements BeforeEachCallback, AfterEachCallback, Filter {

    static final Set<String> CONTRACT_HEADERS = Set.of("x-request-id", "retry-after", "ratelimit-limit",
            "ratelimit-remaining", "ratelimit-reset", "ratelimit", "ratelimit-policy", "www-authenticate",
            "idempotent-replayed");
    private static final String DOCUMENT = "/q/openapi?format=json";
    /** Per test class (JUnit makes an instance per registration): another test profile may change the document. */
    private final Map<String, OpenApiDocument> documents = new ConcurrentHashMap<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        RestAssured.filters(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Filter> others = new ArrayList<>(RestAssured.filters());
        others.removeIf(filter -> filter instanceof DocumentedResponses);
        RestAssured.replaceFiltersWith(others);
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (uri.getPath().startsWith("/q/")) {
            return response;
        }
        OpenApiDocument document = documents.computeIfAbsent(uri.getScheme() + "://" + uri.getAuthority(),
                DocumentedResponses::fetch);
        List<String> violations = violations(document, request.getMethod(), uri.getPath(), response);
        if (!violations.isEmpty()) {
            throw new AssertionError(request.getMethod() + " " + uri.getPath() + " answered what the OpenAPI document "
                    + "does not describe: " + String.join("; ", violations) + "\n" + response.statusLine() + "\n"
                    + ProblemAssert.abbreviate(response.asString()));
        }
        return response;
    }

    /** What the document does not describe of one response; empty when it describes all of it. */
    static List<String> violations(OpenApiDocument document, String method, String path, Response response) {
        List<String> violations = new ArrayList<>();
        Optional<OpenApiDocument.Operation> found = document.find(method, path);
        if (found.isEmpty()) {
            return violations;
        }
        OpenApiDocument.Operation operation = found.get();
        int status = response.statusCode();
        if (!operation.declares(status)) {
            violations.add("status " + status + " is not declared for " + operation + " (declared: "
                    + operation.statuses() + ")");
        } else {
            Set<String> declared = operation.headers(status, document.root());
            response.headers().asList().stream().map(header -> header.getName().toLowerCase(Locale.ROOT))
                    .filter(CONTRACT_HEADERS::contains).distinct().filter(name -> !declared.contains(name))
                    .forEach(name -> violations.add("header " + name + " is not declared for " + status + " of "
                            + operation));
        }
        if (status >= 400) {
            ProblemAssert.violations(response).forEach(violation -> violations.add("not a contract body: " + violation));
        }
        return violations;
    }

    static OpenApiDocument fetch(String base) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + DOCUMENT)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("no OpenAPI document at " + base + DOCUMENT + " (status "
                        + response.statusCode() + "); add quarkus-smallrye-openapi to the application");
            }
            return OpenApiDocument.parse(response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot read the OpenAPI document at " + base + DOCUMENT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the OpenAPI document", e);
        }
    }
}
