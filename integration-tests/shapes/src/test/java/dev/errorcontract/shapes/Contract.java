package dev.errorcontract.shapes;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import dev.errorcontract.junit.ProblemAssert;
import io.restassured.response.Response;

/** The contract's shape, asserted on a real response. */
final class Contract {

    static final List<String> LEAKS = List.of("jdbc:", "s3://", "/opt/app", "Exception", "at dev.", "java.",
            "internal detail", "[B@", "localhost:1");

    private Contract() {
    }

    static Response assertContract(Response response, int status, String code) {
        ProblemAssert.assertThat(response).isProblem(status, code);
        String body = response.asString();
        for (String leak : LEAKS) {
            assertFalse(body.contains(leak), () -> "leaked '" + leak + "' in " + body);
        }
        return response;
    }
}
