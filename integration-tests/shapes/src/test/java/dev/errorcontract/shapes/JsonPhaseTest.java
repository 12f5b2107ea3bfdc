package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Item 2: a JSON error is the caller's 400 only while the request body is read; anywhere else it is a 500. */
@QuarkusTest
public class JsonPhaseTest {

    @Test
    void malformedRequestBodyIs400() {
        assertContract(given().contentType(ContentType.JSON).body("{\"customer_name\": ").post("/orders"), 400,
                "malformed_body");
    }

    @Test
    void wrongTypeInRequestBodyNamesTheJsonField() {
        assertContract(given().contentType(ContentType.JSON)
                .body("{\"customer_name\":\"Ada\",\"due_date\":\"2030-01-01\",\"line_items\":[{\"product_name\":\"x\",\"quantity\":\"many\"}]}")
                .post("/orders"), 400, "malformed_body")
                .then().body("errors[0].pointer", equalTo("/line_items/0/quantity"));
    }

    @Test
    void applicationsOwnJsonParsingIs500() {
        assertContract(given().get("/failures/own-json"), 500, "internal_error");
    }

    @Test
    void getterThrowingWhileWritingIs500() {
        assertContract(given().get("/failures/throwing-getter"), 500, "internal_error");
    }
}
