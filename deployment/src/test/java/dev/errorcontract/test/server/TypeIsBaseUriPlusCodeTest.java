package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ApiException;
import io.quarkus.test.QuarkusUnitTest;

/** With {@code type-base-uri} set, the problem {@code type} is that base followed by the error code. */
public class TypeIsBaseUriPlusCodeTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .overrideConfigKey("quarkus.error-contract.type-base-uri", "https://errors.example.com/");

    @Test
    void typeIsBaseUriPlusCode() {
        given().get("/typed/missing").then().statusCode(404)
                .body("type", equalTo("https://errors.example.com/not_found"));
    }

    @Test
    void anApplicationsOwnCodeToo() {
        given().get("/typed/stale").then().statusCode(409)
                .body("type", equalTo("https://errors.example.com/stale_order"));
    }

    @Path("/typed")
    public static class Resource {
        @GET
        @Path("/missing")
        public String missing() {
            throw ApiException.notFound("no such thing");
        }

        @GET
        @Path("/stale")
        public String stale() {
            throw ApiException.of(409, "stale_order", "The order changed");
        }
    }
}
