package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** {@code quarkus.error-contract.fill-bodiless-errors=false}: a bare error status stays bare. */
public class BodilessErrorsOffTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .overrideConfigKey("quarkus.error-contract.fill-bodiless-errors", "false");

    @Test
    void bareStatusStaysBare() {
        given().get("/bare").then().statusCode(404).header("X-Kept", "yes").body(emptyString());
    }

    @Path("/bare")
    public static class Resource {
        @GET
        public Response get() {
            return Response.status(404).header("X-Kept", "yes").build();
        }
    }
}
