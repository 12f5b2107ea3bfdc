package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Item 5: field errors name what the client sent (the JSON names, from Jackson's own view of the bean) and say where
 * parameters come from.
 */
@QuarkusTest
public class FieldNamesTest {

    @Test
    void bodyFieldsUseTheJsonNames() {
        assertContract(given().contentType(ContentType.JSON)
                .body("{\"customer_name\":\"\",\"line_items\":[{\"product_name\":\"\",\"quantity\":1}]}")
                .post("/orders"), 422, "validation_error")
                .then()
                .body("errors.field", containsInAnyOrder("customer_name", "due_date", "line_items[0].product_name"))
                .body("errors.pointer", containsInAnyOrder("/customer_name", "/due_date", "/line_items/0/product_name"))
                .body("errors.in", everyItem(org.hamcrest.Matchers.equalTo("body")));
    }

    @Test
    void beanParamMembersSayWhereTheyCameFrom() {
        assertContract(given().queryParam("q", "").header("X-Tenant", " ").cookie("session", "").get("/search"), 422,
                "validation_error")
                .then()
                .body("errors.field", containsInAnyOrder("q", "X-Tenant", "session"))
                .body("errors.in", containsInAnyOrder("query", "header", "cookie"))
                .body("errors.pointer", everyItem(nullValue()));
    }

    @Test
    void formAndCookieParameters() {
        assertContract(given().formParam("star_rating", "9").formParam("comment", "").cookie("session", "")
                .post("/search/feedback"), 422, "validation_error")
                .then()
                .body("errors.field", containsInAnyOrder("star_rating", "comment", "session"))
                .body("errors.in", containsInAnyOrder("form", "form", "cookie"))
                .body("errors.pointer", everyItem(nullValue()));
    }
}
