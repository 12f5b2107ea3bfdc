package dev.errorcontract.test.ratelimit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/** A limit of zero permits fails start-up with a message naming the property. */
public class NonPositiveLimitFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.zero.limits[0].permits", "0")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.zero.limits[0].period", "1M")
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains(
                        "quarkus.error-contract.rate-limit.buckets.\"zero\".limits[0].permits must be positive, was 0"),
                        message);
            });

    @Test
    void startupFails() {
        // the assertion is in assertException
    }

    @Path("/zero")
    public static class Resource {
        @GET
        @RateLimited(bucket = "zero")
        public String get() {
            return "never";
        }
    }
}
