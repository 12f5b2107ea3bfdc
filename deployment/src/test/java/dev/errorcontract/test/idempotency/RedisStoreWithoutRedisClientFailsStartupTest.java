package dev.errorcontract.test.idempotency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.Idempotent;
import dev.errorcontract.test.FailureMessages;
import io.quarkus.test.QuarkusUnitTest;

/** store=redis without the Quarkus Redis client in the application fails start-up, naming the property. */
public class RedisStoreWithoutRedisClientFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .overrideConfigKey("quarkus.error-contract.idempotency.store", "redis")
            .assertException(failure -> {
                String message = FailureMessages.of(failure);
                assertTrue(message.contains("quarkus.error-contract.idempotency.store=redis needs the "
                        + "quarkus-redis-client extension"), message);
            });

    @Test
    void startupFails() {
        // the assertion is in assertException
    }

    @Path("/orders")
    public static class Resource {
        @POST
        @Idempotent
        public String create(String body) {
            return body;
        }
    }
}
