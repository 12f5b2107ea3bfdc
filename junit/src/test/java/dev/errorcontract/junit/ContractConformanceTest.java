package dev.errorcontract.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.restassured.RestAssured;

/**
 * The test kit against a small HTTP server of the test's own on 127.0.0.1: one operation answers by the contract,
 * the rest of the server the way applications without it do (bare 404, 405 without Allow, an undeclared status).
 */
class ContractConformanceTest {

    static final String DOCUMENT = """
            {"openapi":"3.1.0","paths":{
              "/things/{id}":{"get":{"parameters":[{"name":"id","in":"path","schema":{"type":"integer"}},
                                                   {"name":"page","in":"query","schema":{"type":"integer"}}],
                                     "responses":{"200":{"description":"ok"},
                                                  "404":{"description":"no","headers":{"X-Request-Id":{}}}}}}}}
            """;
    static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"code\":\"not_found\","
            + "\"request_id\":\"r-1\",\"errors\":[]}";

    static HttpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ContractConformanceTest::handle);
        server.start();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        RestAssured.reset();
    }

    static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        if (path.equals("/q/openapi")) {
            send(exchange, 200, "application/json", DOCUMENT);
        } else if (path.equals("/things/1") && exchange.getRequestMethod().equals("GET") && query != null) {
            send(exchange, 400, "text/plain", "bad page"); // undeclared status, no contract body
        } else if (path.equals("/things/1") && exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().add("X-Request-Id", "r-1");
            send(exchange, 404, "application/problem+json", PROBLEM);
        } else if (path.equals("/things/1")) {
            exchange.getResponseHeaders().add("X-Request-Id", "r-1");
            send(exchange, 405, "application/problem+json", PROBLEM.replace("404", "405").replace("not_found",
                    "method_not_allowed"));
        } else {
            send(exchange, 404, "text/plain", "Not Found");
        }
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void listsEveryAnswerThatBreaksTheContract() {
        List<String> violations = ContractConformance.anonymous().run();
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("unknown route") && v.contains("application/problem+json")),
                violations::toString);
        assertTrue(violations.stream().anyMatch(v -> v.contains("query parameter page=abc")
                && v.contains("status 400 is not declared")), violations::toString);
        assertTrue(violations.stream().anyMatch(v -> v.contains("unsupported method POST /things/1")
                && v.contains("405 without an Allow header")), violations::toString);
        assertEquals(4, violations.size(), violations::toString);
        AssertionError failure = assertThrows(AssertionError.class, () -> ContractConformance.anonymous().check());
        assertTrue(failure.getMessage().startsWith("4 answers break the error contract"), failure.getMessage());
    }

    @Test
    void problemAssertChecksTheWholeShape() {
        ProblemAssert.assertThat(RestAssured.get("/things/1")).isProblem(404, "not_found");
        AssertionError wrongCode = assertThrows(AssertionError.class,
                () -> ProblemAssert.assertThat(RestAssured.get("/things/1")).isProblem(404, "gone"));
        assertTrue(wrongCode.getMessage().contains("code 'not_found', expected 'gone'"), wrongCode.getMessage());
        AssertionError bare = assertThrows(AssertionError.class,
                () -> ProblemAssert.assertThat(RestAssured.get("/nothing")).isProblem());
        assertTrue(bare.getMessage().contains("content type 'text/plain', expected application/problem+json"),
                bare.getMessage());
    }

    @Test
    void documentedResponsesNamesWhatTheDocumentLacks() {
        OpenApiDocument document = OpenApiDocument.parse(DOCUMENT);
        assertTrue(DocumentedResponses.violations(document, "GET", "/things/1", RestAssured.get("/things/1")).isEmpty());
        List<String> violations = DocumentedResponses.violations(document, "GET", "/things/1",
                RestAssured.given().queryParam("page", "x").get("/things/1"));
        assertTrue(violations.get(0).startsWith("status 400 is not declared for GET /things/{id}"), violations::toString);
    }
}
