package dev.errorcontract.test.ratelimit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import dev.errorcontract.runtime.ratelimit.RateLimiter;
import dev.errorcontract.test.TestApiKeys;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An endpoint that needs no authentication, with authentication not proactive: API keys the application's security
 * refuses do not buy fresh buckets (each is a 401, with no bucket); requests without a key count against the caller's
 * address; an accepted key has its own bucket.
 */
public class InventedApiKeysCountByAddressTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, TestApiKeys.class))
            .overrideConfigKey("quarkus.http.auth.proactive", "false")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].permits", "3")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].period", "1H");

    @Inject
    RateLimiter limiter;

    @Test
    void inventedKeysShareTheAddressBucket() {
        for (int i = 0; i < 50; i++) {
            // asking who the caller is makes Quarkus authenticate the key, which the application refuses. Known gap:
            // with proactive authentication off, this lazy refusal is answered by Quarkus's own handler racing the
            // request, without the contract's body (with proactive authentication, the default, the body is there:
            // RedisStoresTest on the demo)
            given().header("X-API-Key", "unknown-" + i).get("/public").then().statusCode(401);
        }
        // they all went to the caller's address bucket: one bucket for 50 invented keys
        assertEquals(1, limiter.trackedCallers(), "refused keys get no bucket of their own");
        given().get("/public").then().statusCode(429); // no key at all: the same address bucket, spent
        assertEquals(1, limiter.trackedCallers(), "one bucket: the address");

        given().header("X-API-Key", "accepted").get("/public").then().statusCode(200)
                .header("RateLimit-Remaining", "2");
        assertEquals(2, limiter.trackedCallers());
    }

    @Path("/public")
    public static class Resource {
        @GET
        @RateLimited(bucket = "b")
        public String get() {
            return "ok";
        }
    }
}
