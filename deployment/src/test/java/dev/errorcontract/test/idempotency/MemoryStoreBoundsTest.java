package dev.errorcontract.test.idempotency;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.Idempotent;
import dev.errorcontract.test.TestApiKeys;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The memory store's bounds over HTTP: one caller flooding the store with keys evicts its own oldest keys, never
 * another caller's; the evictions are logged (throttled: one line for the whole flood) as weakening exactly-once.
 */
public class MemoryStoreBoundsTest {

    static final AtomicInteger CALLS = new AtomicInteger();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Payments.class, TestApiKeys.class))
            .overrideConfigKey("quarkus.error-contract.idempotency.memory.max-entries", "60")
            .overrideConfigKey("quarkus.error-contract.idempotency.memory.max-entries-per-caller", "40")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("dev.errorcontract.idempotency"))
            .assertLogRecords(records -> assertEquals(1, records.stream()
                    .filter(record -> record.getMessage().contains("exactly-once no longer holds")).count(),
                    "one throttled warning for the whole flood"));

    static int pay(String caller, String key) {
        return given().header("X-API-Key", caller).header("Idempotency-Key", key).contentType("text/plain")
                .body("10 EUR").post("/payments").then().extract().statusCode();
    }

    @Test
    void aFloodingCallerEvictsItsOwnKeysNotAnotherCallers() {
        for (int i = 0; i < 20; i++) {
            assertEquals(201, pay("alice", "alice-" + i));
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(201, pay("mallory", "mallory-" + i));
        }
        int before = CALLS.get();
        for (int i = 0; i < 20; i++) {
            assertEquals(201, pay("alice", "alice-" + i));
        }
        assertEquals(0, CALLS.get() - before, "every retry of alice was replayed");
        pay("mallory", "mallory-0");
        assertEquals(1, CALLS.get() - before, "mallory's oldest key was evicted: its retry ran again (and was logged)");
        pay("mallory", "mallory-199");
        assertEquals(1, CALLS.get() - before, "mallory's newest keys are kept");
    }

    @Path("/payments")
    @Consumes("text/plain")
    public static class Payments {
        @POST
        @Idempotent
        public jakarta.ws.rs.core.Response pay(String amount) {
            return jakarta.ws.rs.core.Response.status(201).entity("payment " + CALLS.incrementAndGet()).build();
        }
    }
}
