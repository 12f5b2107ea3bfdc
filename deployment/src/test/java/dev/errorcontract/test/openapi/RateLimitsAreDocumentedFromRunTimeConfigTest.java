package dev.errorcontract.test.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Rate limits are run-time configuration, and the OpenAPI document follows the values the application runs with,
 * not those of the build: a default bucket and the IETF header style set only at run time give every operation that
 * is not exempt its 429 and the IETF fields.
 */
public class RateLimitsAreDocumentedFromRunTimeConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Plain.class))
            .overrideRuntimeConfigKey("quarkus.error-contract.rate-limit.buckets.api.limits[0].permits", "100")
            .overrideRuntimeConfigKey("quarkus.error-contract.rate-limit.buckets.api.limits[0].period", "1M")
            .overrideRuntimeConfigKey("quarkus.error-contract.rate-limit.default-bucket", "api")
            .overrideRuntimeConfigKey("quarkus.error-contract.rate-limit.headers", "ietf");

    @Test
    void defaultBucketSetAtRunTimeIsDocumented() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/plain'.get.responses.keySet()", containsInAnyOrder("200", "429", "500"))
                .body("paths.'/plain'.get.responses.'429'.headers.keySet()", containsInAnyOrder("X-Request-Id",
                        "Retry-After", "RateLimit-Policy", "RateLimit"))
                .body("paths.'/plain'.get.responses.'200'.headers.keySet()", containsInAnyOrder("X-Request-Id",
                        "RateLimit-Policy", "RateLimit"));
    }

    @Test
    void exemptOperationIsNotLimited() {
        given().get("/q/openapi?format=json").then()
                .body("paths.'/plain/health'.get.responses.keySet()", containsInAnyOrder("200", "500"))
                .body("paths.'/plain/health'.get.responses.'200'.headers.keySet()",
                        containsInAnyOrder("X-Request-Id"));
    }

    @Path("/plain")
    public static class Plain {

        @GET
        public String get() {
            return "plain";
        }

        @GET
        @Path("health")
        @RateLimited.Exempt
        public String health() {
            return "up";
        }
    }
}
