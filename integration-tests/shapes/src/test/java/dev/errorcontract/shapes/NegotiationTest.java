package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Item 11: a caller that accepts only problem documents gets the real error; bodies vary by language. */
@QuarkusTest
public class NegotiationTest {

    @Test
    void acceptingOnlyProblemJsonGetsTheRealError() {
        assertContract(given().accept("application/problem+json").get("/orders/7"), 404, "not_found");
    }

    @Test
    void localisedBodiesVaryByLanguage() {
        assertContract(given().header("Accept-Language", "de").get("/no/such/route"), 404, "not_found")
                .then().header("Vary", containsString("Accept-Language"))
                .header("Content-Language", "de");
    }
}
