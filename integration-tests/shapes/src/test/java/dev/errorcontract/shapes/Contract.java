package dev.errorcontract.shapes;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import io.restassured.response.Response;

/** The contract's shape, asserted on a real response. */
final class Contract {

    static final List<String> LEAKS = List.of("jdbc:", "s3://", "/opt/app", "Exception", "at dev.", "java.",
            "internal detail", "[B@", "localhost:1");

    private Contract() {
    }

    static Response assertContract(Response response, int status, String code) {
        response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("title", notNullValue())
                .body("errors", notNullValue());
        String requestId = response.header("X-Request-Id");
        assertNotNull(requestId, "X-Request-Id header");
        assertEquals(requestId, response.jsonPath().getString("request_id"));
        String body = response.asString();
        for (String leak : LEAKS) {
            assertFalse(body.contains(leak), () -> "leaked '" + leak + "' in " + body);
        }
        return response;
    }
}
