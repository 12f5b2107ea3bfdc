package dev.errorcontract.test.idempotency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.Idempotent;
import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/** @Idempotent on a method no HTTP request reaches fails the build instead of silently guarding nothing. */
public class IdempotentOnNonResourceMethodFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Service.class))
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains("@Idempotent on " + Service.class.getName()
                        + "#create: the method is no resource method"), message);
            });

    @Test
    void buildFails() {
        // the assertion is in assertException
    }

    @ApplicationScoped
    public static class Service {
        @Idempotent
        public String create(String body) {
            return body;
        }
    }
}
