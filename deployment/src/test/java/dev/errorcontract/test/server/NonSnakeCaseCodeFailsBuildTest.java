package dev.errorcontract.test.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/** A configured exception mapping whose code is not snake_case fails the build, naming the property. */
public class NonSnakeCaseCodeFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OutOfStockException.class))
            .overrideConfigKey("quarkus.error-contract.exceptions.\"" + OutOfStockException.class.getName() + "\".status",
                    "409")
            .overrideConfigKey("quarkus.error-contract.exceptions.\"" + OutOfStockException.class.getName() + "\".code",
                    "OutOfStock")
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains("quarkus.error-contract.exceptions.\"" + OutOfStockException.class.getName()
                        + "\": code 'OutOfStock' is not snake_case"), message);
            });

    @Test
    void buildFails() {
        // the assertion is in assertException
    }

    public static class OutOfStockException extends RuntimeException {
    }
}
