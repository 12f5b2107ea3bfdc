package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Item 9: an error response without a body gets the contract's body; its own headers stay. */
@QuarkusTest
public class BodilessErrorsTest {

    @Test
    void bareStatusFromAResource() {
        assertContract(given().get("/orders/archived/3"), 404, "not_found").then().header("X-Archive", "cold");
    }

    @Test
    void bareStatusFromAFilter() {
        assertContract(given().header("X-Blocked", "yes").get("/public/hello"), 401, "unauthorized")
                .then().header("X-Blocked-By", "filter");
    }
}
