package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Item 6: a query parameter that cannot be converted is a 400 naming it, not a 404. */
@QuarkusTest
public class BadParameterTest {

    @Test
    void nonNumericLimit() {
        assertContract(given().get("/orders?limit=abc"), 400, "bad_request")
                .then().body("errors[0].field", equalTo("limit"))
                .body("errors[0].in", equalTo("query"))
                .body("errors[0].pointer", nullValue());
    }

    @Test
    void invalidDate() {
        assertContract(given().get("/orders?since=yesterday"), 400, "bad_request")
                .then().body("errors[0].field", equalTo("since"))
                .body("errors[0].in", equalTo("query"));
    }

    @Test
    void validParametersPass() {
        given().get("/orders?limit=5&since=2030-01-01").then().statusCode(200);
    }

    @Test
    void unconvertiblePathParameterStays404() {
        assertContract(given().get("/orders/abc"), 404, "not_found");
    }
}
