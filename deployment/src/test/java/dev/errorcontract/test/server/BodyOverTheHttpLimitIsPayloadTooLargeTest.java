package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A request body over {@code quarkus.http.limits.max-body-size} is rendered by the contract before Quarkus REST runs. */
public class BodyOverTheHttpLimitIsPayloadTooLargeTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, Item.class))
            .overrideConfigKey("quarkus.http.limits.max-body-size", "64");

    @Test
    void bodyOverTheLimitIsPayloadTooLarge() {
        given().contentType("application/json").body("{\"name\":\"" + "x".repeat(500) + "\"}").post("/options/items")
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("payload_too_large"))
                .body("status", equalTo(413));
    }

    @Path("/options")
    public static class Resource {
        @POST
        @Path("/items")
        @Consumes("application/json")
        public String create(@Valid Item item) {
            return "{}";
        }
    }

    public record Item(@NotBlank String name) {
    }
}
