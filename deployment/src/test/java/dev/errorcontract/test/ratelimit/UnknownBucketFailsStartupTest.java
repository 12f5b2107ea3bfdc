package dev.errorcontract.test.ratelimit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/** @RateLimited naming a bucket that is not configured fails start-up, naming the class, method and property. */
public class UnknownBucketFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.search.limits[0].permits", "10")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.search.limits[0].period", "1M")
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains("@RateLimited(bucket = \"serach\") on " + Resource.class.getName()
                        + "#find (GET /find): no bucket 'serach' is configured"), message);
                assertTrue(message.contains("quarkus.error-contract.rate-limit.buckets.serach.limits[0].permits"), message);
                assertTrue(message.contains("configured buckets: search"), message);
            });

    @Test
    void startupFails() {
        // the assertion is in assertException
    }

    @Path("/find")
    public static class Resource {
        @GET
        @RateLimited(bucket = "serach")
        public String find() {
            return "typo";
        }
    }
}
