package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ApiError;
import dev.errorcontract.ApiException;
import dev.errorcontract.ErrorRenderer;
import io.quarkus.test.QuarkusUnitTest;

/** An application keeps a legacy envelope by supplying its own renderer; status and headers stay the contract's. */
public class CustomRendererTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, LegacyEnvelopeRenderer.class));

    @Test
    void legacyEnvelopeIsRendered() {
        given().get("/legacy/locked").then()
                .statusCode(423)
                .contentType("application/json")
                .header("Retry-After", equalTo("7"))
                .header("X-Request-Id", notNullValue())
                .body("errors[0].message", equalTo("Task 3 is busy"))
                .body("errors[0].code", equalTo("locked"));
    }

    @Test
    void unexpectedErrorsUseTheSameEnvelope() {
        given().get("/legacy/broken").then()
                .statusCode(500)
                .contentType("application/json")
                .body("errors[0].code", equalTo("internal_error"));
    }

    @Path("/legacy")
    public static class Resource {
        @GET
        @Path("/locked")
        public String locked() {
            throw ApiException.locked("Task 3 is busy", java.time.Duration.ofMillis(6_200));
        }

        @GET
        @Path("/broken")
        public String broken() {
            throw new IllegalStateException("secret");
        }
    }

    @ApplicationScoped
    public static class LegacyEnvelopeRenderer implements ErrorRenderer {
        @Override
        public String contentType(ApiError error) {
            return "application/json";
        }

        @Override
        public Object render(ApiError error) {
            return Map.of("errors", List.of(Map.of("message", error.detail(), "code", error.code())));
        }
    }
}
