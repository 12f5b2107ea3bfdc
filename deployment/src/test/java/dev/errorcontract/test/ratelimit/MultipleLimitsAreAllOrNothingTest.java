package dev.errorcontract.test.ratelimit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import dev.errorcontract.test.TestApiKeys;
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
        // until the burst limit refills, every request is refused and takes nothing from the hourly one: then the
        // first request that passes leaves it 1 of its 2
        int passed = await("the burst limit refills").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().header("X-API-Key", "k").get("/layered").statusCode(), status -> status != 429);
        assertEquals(200, passed);
        given().header("X-API-Key", "k").get("/layered").then().statusCode(200)
                .header("RateLimit", matchesPattern("\"layered-1\";r=0;t=(89\\d|900)")); // the hourly limit: 1 in 900 s
        // a sleep, not a poll: nothing in a refused response tells that the burst limit has refilled meanwhile
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
