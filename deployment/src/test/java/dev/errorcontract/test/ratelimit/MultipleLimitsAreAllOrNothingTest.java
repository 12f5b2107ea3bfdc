package dev.errorcontract.test.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.test.TestApiKeys;
import dev.errorcontract.RateLimited;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A bucket with a burst limit (2 per second) and a long limit (4 per hour): a request rejected by the burst limit
 * takes nothing from the long one, so after the burst refills exactly two more requests pass.
 */
public class MultipleLimitsAreAllOrNothingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, TestApiKeys.class))
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.layered.limits[0].permits", "2")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.layered.limits[0].period", "1S")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.layered.limits[0].refill", "interval")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.layered.limits[1].permits", "4")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.layered.limits[1].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.headers", "both");

    @Test
    void rejectedRequestTakesNoPermitFromTheOtherLimit() throws InterruptedException {
        // the first requests of the application are slow (authentication, class loading): not within the 1 s window
        given().header("X-API-Key", "warm-up").get("/layered").then().statusCode(200);
        given().header("X-API-Key", "k").get("/layered").then().statusCode(200)
                .header("RateLimit-Policy", "\"layered-0\";q=2;w=1, \"layered-1\";q=4;w=3600");
        given().header("X-API-Key", "k").get("/layered").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", "k").get("/layered").then().statusCode(429); // burst used up
        }
        Thread.sleep(1_100); // the burst limit refills; the hourly one must still have 2
        given().header("X-API-Key", "k").get("/layered").then().statusCode(200);
        given().header("X-API-Key", "k").get("/layered").then().statusCode(200)
                .header("RateLimit", matchesPattern("\"layered-1\";r=0;t=(89\\d|900)")); // the hourly limit: 1 in 900 s
        Thread.sleep(1_100);
        given().header("X-API-Key", "k").get("/layered").then().statusCode(429); // now the hourly limit is used up
    }

    @Path("/layered")
    public static class Resource {
        @GET
        @RateLimited(bucket = "layered")
        public String get() {
            return "ok";
        }
    }
}
