package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Item 4: a 5xx WebApplicationException keeps its status and catalogue code; only its message is hidden. */
@QuarkusTest
public class ServerErrorStatusTest {

    @Test
    void serviceUnavailableKeepsRetryAfter() {
        assertContract(given().get("/failures/unavailable"), 503, "service_unavailable")
                .then().header("Retry-After", "30");
    }

    @Test
    void badGateway() {
        assertContract(given().get("/failures/status/502"), 502, "bad_gateway");
    }

    @Test
    void gatewayTimeout() {
        assertContract(given().get("/failures/status/504"), 504, "gateway_timeout");
    }

    @Test
    void otherServerStatusesGetASnakeCaseCode() {
        assertContract(given().get("/failures/status/511"), 511, "server_error");
        assertContract(given().get("/failures/status/533"), 533, "server_error");
    }

    @Test
    void openCircuitBreakerIs503() {
        assertContract(given().get("/upstream/breaker"), 500, "internal_error");
        assertContract(given().get("/upstream/breaker"), 500, "internal_error");
        assertContract(given().get("/upstream/breaker"), 503, "service_unavailable").then().header("Retry-After", "60");
    }
}
