package dev.errorcontract.test.identity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code resolver:<name>} naming no {@code CallerIdentityResolver} bean fails start-up naming the property and the
 * missing {@code @Identifier}, for a bucket and for idempotency keys alike (the first one found is reported).
 */
public class ResolverWithoutBeanFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.error-contract.idempotency.identity", "resolver:tenant")
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains("quarkus.error-contract.idempotency.identity='resolver:tenant' names no "
                        + "CallerIdentityResolver bean: add @Identifier(\"tenant\")"), message);
            });

    @Test
    void startupFails() {
        // the assertion is in assertException
    }
}
