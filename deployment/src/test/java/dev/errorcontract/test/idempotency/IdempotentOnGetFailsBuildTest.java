package dev.errorcontract.test.idempotency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.Idempotent;
import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/** @Idempotent on a GET fails the build, naming the class and method. */
public class IdempotentOnGetFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains("@Idempotent on " + Resource.class.getName()
                        + "#read: only POST and PATCH methods take an Idempotency-Key, this one is GET /read"), message);
            });

    @Test
    void buildFails() {
        // the assertion is in assertException
    }

    @Path("/read")
    public static class Resource {
        @GET
        @Idempotent
        public String read() {
            return "x";
        }
    }
}
