package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.security.ForbiddenException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The run-time options of the server side: a type base URI, validation answered with 400, forbidden concealed as
 * not found, and a request body over the HTTP limit rendered by the contract before Quarkus REST runs.
 */
public class ServerOptionsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, Item.class))
            .overrideConfigKey("quarkus.error-contract.type-base-uri", "https://errors.example.com/")
            .overrideConfigKey("quarkus.error-contract.validation-status", "400")
            .overrideConfigKey("quarkus.error-contract.security.conceal-forbidden-as-not-found", "true")
            .overrideConfigKey("quarkus.http.limits.max-body-size", "64");

    @Test
    void typeIsBaseUriPlusCode() {
        given().get("/options/forbidden").then().body("type", equalTo("https://errors.example.com/not_found"));
    }

    @Test
    void validationAnsweredWith400() {
        given().get("/options/items?page=0").then().statusCode(400)
                .body("code", equalTo("validation_error"))
                .body("errors", hasSize(1))
                .body("errors[0].in", equalTo("query"))
                .body("errors[0].field", equalTo("page"));
    }

    @Test
    void forbiddenIsConcealedAsNotFound() {
        given().get("/options/forbidden").then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void bodyOverTheLimitIsPayloadTooLarge() {
        given().contentType("application/json").body("{\"name\":\"" + "x".repeat(500) + "\"}").post("/options/items")
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("payload_too_large"))
                .body("status", equalTo(413));
    }

    @Path("/options")
    public static class Resource {
        @GET
        @Path("/items")
        public String items(@QueryParam("page") @Min(1) int page) {
            return "[]";
        }

        @POST
        @Path("/items")
        @Consumes("application/json")
        public String create(@Valid Item item) {
            return "{}";
        }

        @GET
        @Path("/forbidden")
        public String forbidden() {
            throw new ForbiddenException("tenant B's resource");
        }
    }

    public record Item(@NotBlank String name) {
    }
}
