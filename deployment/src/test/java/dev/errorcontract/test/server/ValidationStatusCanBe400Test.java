package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** With {@code validation-status=400}, a bean validation failure is answered with 400; the code stays the same. */
public class ValidationStatusCanBe400Test {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .overrideConfigKey("quarkus.error-contract.validation-status", "400");

    @Test
    void validationAnsweredWith400() {
        given().get("/options/items?page=0").then().statusCode(400)
                .body("code", equalTo("validation_error"))
                .body("errors", hasSize(1))
                .body("errors[0].in", equalTo("query"))
                .body("errors[0].field", equalTo("page"));
    }

    @Path("/options")
    public static class Resource {
        @GET
        @Path("/items")
        public String items(@QueryParam("page") @Min(1) int page) {
            return "[]";
        }
    }
}
