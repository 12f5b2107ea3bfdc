package dev.errorcontract.test.identity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/** A bucket's identity that is none of the sources fails start-up naming the property. */
public class MistypedBucketIdentityFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].permits", "5")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].period", "1M")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.identity", "resolver:")
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains("quarkus.error-contract.rate-limit.buckets.\"b\".identity='resolver:' is "
                        + "not one of api-key, principal, address, resolver:<identifier>"), message);
            });

    @Test
    void startupFails() {
        // the assertion is in assertException
    }
}
