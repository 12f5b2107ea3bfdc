package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.errorcontract.junit.DocumentedResponses;
import dev.errorcontract.junit.ProblemAssert;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Every row of the status catalogue that the server produces, over real HTTP against the demo. */
@QuarkusTest
@ExtendWith(DocumentedResponses.class)
public class ErrorCatalogueTest {

    static final String FULL_KEY = "demo-key-full";
    static final String READ_KEY = "demo-key-read";
    static final List<String> LEAKS = List.of("jdbc:", "s3cr3t", "password", "Exception", "at dev.", "at io.",
            "java.", "inventory_db", "internal-host", ".java");

    /** Asserts the contract's shape and returns the response for further checks. */
    static Response assertContract(Response response, int status, String code) {
        ProblemAssert.assertThat(response).isProblem(status, code);
        response.then().body("type", equalTo("about:blank"));
        String body = response.asString();
        for (String leak : LEAKS) {
            assertFalse(body.contains(leak), () -> "leaked '" + leak + "' in " + body);
        }
        return response;
    }

    @Test
    void unknownTaskIsNotFound() {
        Response response = given().header("X-API-KEY", READ_KEY).get("/tasks/999999");
        assertContract(response, 404, "not_found").then()
                .body("detail", equalTo("Task 999999 does not exist"))
                .body("instance", equalTo("/tasks/999999"));
    }

    @Test
    void unknownRouteIsNotFound() {
        assertContract(given().header("X-API-KEY", READ_KEY).get("/no/such/route"), 404, "not_found");
    }

    @Test
    void wrongVerbIsMethodNotAllowedWithAllow() {
        Response response = given().header("X-API-KEY", FULL_KEY).put("/tasks");
        assertContract(response, 405, "method_not_allowed").then().header("Allow", containsString("GET"));
    }

    @Test
    void unsupportedMediaType() {
        Response response = given().header("X-API-KEY", FULL_KEY).contentType(ContentType.XML).body("<task/>")
                .post("/tasks");
        assertContract(response, 415, "unsupported_media_type");
    }

    @Test
    void notAcceptable() {
        Response response = given().header("X-API-KEY", READ_KEY).accept("application/xml").get("/tasks");
        assertContract(response, 406, "not_acceptable");
    }

    @Test
    void unparseableBodyIsMalformed() {
        Response response = given().header("X-API-KEY", FULL_KEY).contentType(ContentType.JSON)
                .body("{\"title\": \"oops\",").post("/tasks");
        assertContract(response, 400, "malformed_body");
    }

    @Test
    void mistypedFieldIsMalformedAndNamed() {
        Response response = given().header("X-API-KEY", FULL_KEY).contentType(ContentType.JSON)
                .body("{\"title\": {\"nested\": true}, \"priority\": \"high\"}").post("/tasks");
        assertContract(response, 400, "malformed_body").then()
                .body("errors[0].field", equalTo("title"))
                .body("errors[0].pointer", equalTo("/title"));
    }

    @Test
    void invalidBodyIsValidationErrorWithFieldPointer() {
        Response response = given().header("X-API-KEY", FULL_KEY).contentType(ContentType.JSON)
                .body("{\"title\": \"\", \"priority\": \"whenever\"}").post("/tasks");
        assertContract(response, 422, "validation_error").then()
                .body("errors", hasSize(2))
                .body("errors[0].field", equalTo("priority"))
                .body("errors[0].pointer", equalTo("/priority"))
                .body("errors[0].in", equalTo("body"))
                .body("errors[0].message", equalTo("Must be one of: low, medium, high, urgent"))
                .body("errors[1].field", equalTo("title"));
    }

    @Test
    void invalidQueryParameterIsValidationErrorInQuery() {
        Response response = given().header("X-API-KEY", READ_KEY).get("/tasks?limit=500");
        assertContract(response, 422, "validation_error").then()
                .body("errors[0].field", equalTo("limit"))
                .body("errors[0].in", equalTo("query"))
                .body("errors[0].code", equalTo("max"));
    }

    @Test
    void missingKeyIsUnauthorizedWithChallenge() {
        Response response = given().get("/tasks");
        assertContract(response, 401, "unauthorized").then().header("WWW-Authenticate", containsString("ApiKey"));
    }

    @Test
    void unknownKeyIsUnauthorized() {
        assertContract(given().header("X-API-KEY", "no-such-key").get("/tasks"), 401, "unauthorized");
    }

    @Test
    void readOnlyKeyCannotWrite() {
        Response response = given().header("X-API-KEY", READ_KEY).contentType(ContentType.JSON)
                .body("{\"title\": \"x\", \"priority\": \"low\"}").post("/tasks");
        assertContract(response, 403, "forbidden");
    }

    @Test
    void busyTaskIsLockedWithRetryAfter() {
        int id = given().header("X-API-KEY", FULL_KEY).contentType(ContentType.JSON)
                .body("{\"title\": \"Busy\", \"priority\": \"urgent\"}").post("/tasks")
                .then().statusCode(201).extract().path("id");
        given().header("X-API-KEY", FULL_KEY).post("/tasks/" + id + "/process").then().statusCode(202);

        Response response = given().header("X-API-KEY", FULL_KEY).delete("/tasks/" + id);
        assertContract(response, 423, "locked");
        String retryAfter = response.header("Retry-After");
        assertNotNull(retryAfter);
        assertEquals(Integer.parseInt(retryAfter), response.jsonPath().getInt("retry_after"));
        assertFalse(Integer.parseInt(retryAfter) < 1);
    }

    @Test
    void unexpectedExceptionIsInternalErrorWithoutLeaks() {
        Response response = given().get("/demo/failures/unexpected");
        assertContract(response, 500, "internal_error").then()
                .body("detail", containsString("request id"));
    }

    @Test
    void faultToleranceTimeoutIsGatewayTimeout() {
        assertContract(given().get("/demo/failures/timeout"), 504, "gateway_timeout");
    }

    @Test
    void openCircuitBreakerIsServiceUnavailable() {
        given().get("/demo/failures/circuit-breaker");
        given().get("/demo/failures/circuit-breaker");
        assertContract(given().get("/demo/failures/circuit-breaker"), 503, "service_unavailable");
    }

    @Test
    void faultToleranceRateLimitIsTooManyRequests() {
        given().get("/demo/failures/rate-limited");
        Response response = given().get("/demo/failures/rate-limited");
        assertContract(response, 429, "rate_limit_exceeded");
        assertEquals(response.jsonPath().getInt("retry_after"), Integer.parseInt(response.header("Retry-After")));
    }

    @Test
    void downstreamErrorIsBadGatewayWithNothingPassedThrough() {
        Response response = given().get("/demo/failures/downstream");
        assertContract(response, 502, "bad_gateway").then().header("X-Upstream-Secret", is((String) null));
    }

    @Test
    void titleAndDetailInTheCallersLanguage() {
        Response response = given().header("Accept-Language", "de-CH, en;q=0.5").header("X-API-KEY", READ_KEY)
                .get("/no/such/route");
        assertContract(response, 404, "not_found").then()
                .header("Content-Language", "de")
                .body("title", equalTo("Nicht gefunden"))
                .body("detail", equalTo("Die angeforderte Ressource existiert nicht."));
    }

    @Test
    void extensionsParameterisedDetailsInTheCallersLanguage() {
        Response invalid = given().header("Accept-Language", "de").header("X-API-KEY", FULL_KEY)
                .contentType(ContentType.JSON).body("{\"title\": \"\", \"priority\": \"whenever\"}").post("/tasks");
        assertContract(invalid, 422, "validation_error").then()
                .header("Content-Language", "de")
                .body("detail", equalTo("2 Felder sind ung\u00fcltig."));
        given().header("X-API-KEY", FULL_KEY).contentType(ContentType.JSON).body("{\"title\": \"\", \"priority\": \"low\"}")
                .post("/tasks").then().statusCode(422).body("detail", equalTo("1 field is not valid."));

        Response mistyped = given().header("Accept-Language", "de").header("X-API-KEY", FULL_KEY)
                .contentType(ContentType.JSON).body("{\"title\": {\"nested\": true}, \"priority\": \"high\"}")
                .post("/tasks");
        assertContract(mistyped, 400, "malformed_body").then()
                .body("detail", equalTo("Der Anfrageinhalt konnte nicht gelesen werden: das Feld 'title' ist ung\u00fcltig."))
                .body("errors[0].message", equalTo("Der Wert hat den falschen Typ."));

        Response badKey = given().header("Accept-Language", "de").header("X-API-KEY", FULL_KEY)
                .header("Idempotency-Key", "k".repeat(300)).contentType(ContentType.JSON)
                .body("{\"title\": \"Key\", \"priority\": \"low\"}").post("/tasks");
        assertContract(badKey, 400, "bad_request").then().body("detail",
                equalTo("Der Idempotency-Key-Header muss aus 1 bis 255 sichtbaren ASCII-Zeichen bestehen."));
    }

    @Test
    void unknownLanguageFallsBackToEnglishAndApplicationTextsStayAsWritten() {
        given().header("Accept-Language", "fr").header("X-API-KEY", READ_KEY).get("/no/such/route").then()
                .statusCode(404).header("Content-Language", "en").body("title", equalTo("Not Found"));
        given().header("Accept-Language", "de").header("X-API-KEY", READ_KEY).get("/tasks/999996").then()
                .statusCode(404).body("title", equalTo("Nicht gefunden"))
                .body("detail", equalTo("Task 999996 does not exist"));
    }

    @Test
    void safeIncomingRequestIdIsReused() {
        Response response = given().header("X-Request-Id", "req-42.abc").header("X-API-KEY", READ_KEY)
                .get("/tasks/999998");
        assertContract(response, 404, "not_found").then().header("X-Request-Id", equalTo("req-42.abc"));
    }

    @Test
    void unsafeIncomingRequestIdIsReplaced() {
        Response response = given().header("X-Request-Id", "<script>alert(1)</script>").header("X-API-KEY", READ_KEY)
                .get("/tasks/999997");
        assertContract(response, 404, "not_found").then()
                .header("X-Request-Id", not(anyOf(containsString("<"), equalTo(""))));
    }
}
