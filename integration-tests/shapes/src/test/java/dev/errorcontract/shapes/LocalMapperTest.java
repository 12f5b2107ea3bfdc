package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Item 7: a @ServerExceptionMapper inside one resource class applies to that class only. */
@QuarkusTest
public class LocalMapperTest {

    @Test
    void theResourceWithItsOwnMapperAnswersItsWay() {
        given().get("/legacy?page=0").then().statusCode(400).body("legacy", equalTo(true));
    }

    @Test
    void everyOtherResourceKeepsTheContract() {
        assertContract(given().get("/orders?limit=1000"), 422, "validation_error")
                .then().body("errors[0].field", equalTo("limit"));
        assertContract(given().contentType(ContentType.JSON).body("{\"customer_name\":\"\"}").post("/orders"), 422,
                "validation_error");
    }
}
