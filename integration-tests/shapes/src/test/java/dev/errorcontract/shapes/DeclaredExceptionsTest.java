package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Item 12: @ErrorCode on an exception extending a JDK exception, and a library exception mapped by configuration,
 * build and answer as declared.
 */
@QuarkusTest
public class DeclaredExceptionsTest {

    @Test
    void errorCodeOnIllegalStateExceptionSubclass() {
        assertContract(given().get("/failures/stale"), 409, "stale_order")
                .then().body("detail", equalTo("order 7 changed meanwhile"));
    }

    @Test
    void errorCodeThroughAUni() {
        assertContract(given().get("/failures/reactive-declared"), 409, "stale_order");
    }

    @Test
    void libraryExceptionMappedByConfiguration() {
        assertContract(given().get("/failures/concurrent-modification"), 409, "conflict");
    }
}
