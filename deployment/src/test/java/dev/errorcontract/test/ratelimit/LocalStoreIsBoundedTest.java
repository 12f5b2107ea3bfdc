package dev.errorcontract.test.ratelimit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import dev.errorcontract.runtime.ratelimit.RateLimiter;
import dev.errorcontract.test.TestApiKeys;
import io.quarkus.test.QuarkusUnitTest;

/** A flood of new API keys cannot grow the local store past its bound; the limits still hold for each key. */
public class LocalStoreIsBoundedTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, TestApiKeys.class))
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].permits", "2")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.local.max-entries", "20");

    @Inject
    RateLimiter limiter;

    @Test
    void floodOfKeysStaysWithinTheBound() {
        for (int i = 0; i < 200; i++) {
            given().header("X-API-Key", "random-" + i).get("/bounded").then().statusCode(200);
            assertTrue(limiter.trackedCallers() <= 20, "tracked " + limiter.trackedCallers());
        }
        given().header("X-API-Key", "steady").get("/bounded").then().statusCode(200);
        given().header("X-API-Key", "steady").get("/bounded").then().statusCode(200);
        given().header("X-API-Key", "steady").get("/bounded").then().statusCode(429);
    }

    /**
     * A caller that used up its permits and keeps calling is recently used: a flood of 300 new keys past the bound
     * evicts the least recently used buckets, never its one, so it does not get fresh permits.
     */
    @Test
    void activeCallerKeepsItsStateThroughAFlood() {
        given().header("X-API-Key", "active").get("/bounded").then().statusCode(200);
        given().header("X-API-Key", "active").get("/bounded").then().statusCode(200);
        long evictionsBefore = limiter.localEvictions();
        for (int i = 0; i < 300; i++) {
            given().header("X-API-Key", "flood-" + i).get("/bounded").then().statusCode(200);
            if (i % 10 == 0) {
                given().header("X-API-Key", "active").get("/bounded").then().statusCode(429);
            }
        }
        given().header("X-API-Key", "active").get("/bounded").then().statusCode(429);
        assertTrue(limiter.localEvictions() - evictionsBefore >= 280, "evictions " + limiter.localEvictions());
    }

    @Path("/bounded")
    public static class Resource {
        @GET
        @RateLimited(bucket = "b")
        public String get() {
            return "ok";
        }
    }
}
