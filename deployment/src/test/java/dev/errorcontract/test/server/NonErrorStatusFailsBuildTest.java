package dev.errorcontract.test.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ErrorCode;
import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/** An @ErrorCode with a status that is not an error fails the build, naming the class and the member. */
public class NonErrorStatusFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NotReallyAnError.class))
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains("@ErrorCode on " + NotReallyAnError.class.getName()), message);
                assertTrue(message.contains("status 200 is not an error status"), message);
            });

    @Test
    void buildFails() {
        // the assertion is in assertException
    }

    @ErrorCode(status = 200)
    public static class NotReallyAnError extends RuntimeException {
    }
}
