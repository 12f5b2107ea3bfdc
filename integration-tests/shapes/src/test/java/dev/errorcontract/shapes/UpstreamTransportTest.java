package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Item 8: a REST client that cannot reach its service makes the server answer 502 or 504, not 500. */
@QuarkusTest
public class UpstreamTransportTest {

    @Test
    void refusedConnectionIs502() {
        assertContract(given().get("/upstream/refused"), 502, "bad_gateway");
    }

    @Test
    void readTimeoutIs504() {
        assertContract(given().get("/upstream/read-timeout"), 504, "gateway_timeout");
    }
}
