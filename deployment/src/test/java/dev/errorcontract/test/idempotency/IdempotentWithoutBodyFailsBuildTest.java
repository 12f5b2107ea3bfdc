package dev.errorcontract.test.idempotency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.Idempotent;
import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/** @Idempotent on a POST without a body parameter fails the build: its fingerprint would mean nothing. */
public class IdempotentWithoutBodyFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains("@Idempotent on " + Resource.class.getName()
                        + "#archive: POST /tasks/{id}/archive has no request body parameter"), message);
            });

    @Test
    void buildFails() {
        // the assertion is in assertException
    }

    @Path("/tasks/{id}/archive")
    public static class Resource {
        @POST
        @Idempotent
        public String archive(@PathParam("id") long id) {
            return "x";
        }
    }
}
