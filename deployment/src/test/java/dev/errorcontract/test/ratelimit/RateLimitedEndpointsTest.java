package dev.errorcontract.test.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import dev.errorcontract.test.TestApiKeys;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;

/**
 * A limited endpoint lets each API key through its permits, then answers 429 with the contract body and
 * Retry-After; headers on every response; method annotation over class annotation; Uni endpoints; the default bucket
 * and its exemption.
 */
public class RateLimitedEndpointsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Limited.class, Unannotated.class, TestApiKeys.class))
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.tight.limits[0].permits", "3")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.tight.limits[0].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.roomy.limits[0].permits", "100")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.roomy.limits[0].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.everything.limits[0].permits", "50")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.everything.limits[0].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.default-bucket", "everything");

    @Test
    void permitsThenTooManyRequests() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            given().header("X-API-Key", "key-a").get("/limited/tight").then().statusCode(200)
                    .header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", String.valueOf(remaining));
        }
        Response rejected = given().header("X-API-Key", "key-a").get("/limited/tight");
        rejected.then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("rate_limit_exceeded"))
                .body("status", equalTo(429))
                .header("RateLimit-Limit", "3")
                .header("RateLimit-Remaining", "0");
        long retryAfter = Long.parseLong(rejected.header("Retry-After"));
        assertTrue(retryAfter >= 1, "Retry-After at least 1");
        assertEquals(retryAfter, rejected.jsonPath().getLong("retry_after"));
        assertEquals(retryAfter, Long.parseLong(rejected.header("RateLimit-Reset")), "on a 429, Reset = Retry-After");
    }

    @Test
    void anotherKeyHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", "key-b").get("/limited/tight").then().statusCode(200);
        }
        given().header("X-API-Key", "key-b").get("/limited/tight").then().statusCode(429);
        given().header("X-API-Key", "key-c").get("/limited/tight").then().statusCode(200)
                .header("RateLimit-Remaining", "2");
    }

    @Test
    void methodAnnotationOverridesClassAnnotation() {
        given().header("X-API-Key", "key-d").get("/limited/class-level").then().statusCode(200)
                .header("RateLimit-Limit", "100");
    }

    @Test
    void reactiveEndpointsAreLimitedToo() {
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", "key-e").get("/limited/reactive").then().statusCode(200)
                    .body(equalTo("uni"));
        }
        given().header("X-API-Key", "key-e").get("/limited/reactive").then().statusCode(429);
    }

    @Test
    void defaultBucketCoversUnannotatedEndpoints() {
        given().header("X-API-Key", "key-f").get("/plain").then().statusCode(200).header("RateLimit-Limit", "50");
    }

    @Test
    void exemptEndpointHasNoLimit() {
        given().header("X-API-Key", "key-f").get("/plain/health").then().statusCode(200)
                .header("RateLimit-Limit", nullValue());
    }

    @Path("/limited")
    @RateLimited(bucket = "roomy")
    public static class Limited {
        @GET
        @Path("/tight")
        @RateLimited(bucket = "tight")
        public String tight() {
            return "ok";
        }

        @GET
        @Path("/class-level")
        public String classLevel() {
            return "ok";
        }

        @GET
        @Path("/reactive")
        @RateLimited(bucket = "tight")
        public Uni<String> reactive() {
            return Uni.createFrom().item("uni");
        }
    }

    @Path("/plain")
    public static class Unannotated {
        @GET
        public String plain() {
            return "ok";
        }

        @GET
        @Path("/health")
        @RateLimited.Exempt
        public String health() {
            return "up";
        }
    }
}
