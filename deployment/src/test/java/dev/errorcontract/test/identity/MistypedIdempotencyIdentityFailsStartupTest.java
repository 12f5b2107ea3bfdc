package dev.errorcontract.test.identity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/** {@code idempotency.identity=apikey} (for api-key) fails start-up naming the property, not every request later. */
public class MistypedIdempotencyIdentityFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.error-contract.idempotency.identity", "apikey")
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains("quarkus.error-contract.idempotency.identity='apikey' is not one of "
                        + "api-key, principal, address, resolver:<identifier>"), message);
            });

    @Test
    void startupFails() {
        // the assertion is in assertException
    }
}
