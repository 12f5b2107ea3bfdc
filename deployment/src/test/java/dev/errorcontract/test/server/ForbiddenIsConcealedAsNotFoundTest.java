package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.security.ForbiddenException;
import io.quarkus.test.QuarkusUnitTest;

/** With {@code security.conceal-forbidden-as-not-found}, a 403 is answered as 404, so another tenant's data stays hidden. */
public class ForbiddenIsConcealedAsNotFoundTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .overrideConfigKey("quarkus.error-contract.security.conceal-forbidden-as-not-found", "true");

    @Test
    void forbiddenIsConcealedAsNotFound() {
        given().get("/options/forbidden").then().statusCode(404).body("code", equalTo("not_found"))
                .body(not(containsString("tenant B")));
    }

    @Path("/options")
    public static class Resource {
        @GET
        @Path("/forbidden")
        public String forbidden() {
            throw new ForbiddenException("tenant B's resource");
        }
    }
}
