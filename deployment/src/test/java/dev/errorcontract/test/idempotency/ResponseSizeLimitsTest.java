package dev.errorcontract.test.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.Idempotent;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Large responses: one over max-response-size is sent whole but only its outcome is kept (a retry gets 409 conflict
 * with the replayed Location, and the method does not run again); past the memory store's byte budget the oldest
 * bodies are dropped the same way, and the newest are still replayed.
 */
public class ResponseSizeLimitsTest {

    static final AtomicInteger CALLS = new AtomicInteger();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Reports.class))
            .overrideConfigKey("quarkus.error-contract.idempotency.max-response-size", "10K")
            .overrideConfigKey("quarkus.error-contract.idempotency.memory.max-bytes", "40K")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("dev.errorcontract.idempotency"))
            .assertLogRecords(records -> {
                assertEquals(1, records.stream().filter(r -> r.getMessage().contains("over quarkus.error-contract."
                        + "idempotency.max-response-size")).count(), "one throttled line for the too large responses");
                assertEquals(1, records.stream().filter(r -> r.getMessage().contains("memory.max-bytes")).count(),
                        "one throttled line for the dropped bodies");
            });

    static io.restassured.response.Response report(String key, int size) {
        return given().header("Idempotency-Key", key).contentType("text/plain").body("report")
                .post("/reports?size=" + size);
    }

    @Test
    void aResponseOverTheCapIsSentWholeAndARetryIsAConflictNotASecondRun() {
        int before = CALLS.get();
        String first = report("too-large", 1_000_000).then().statusCode(201).header("Location", "/reports/1000000")
                .extract().asString();
        assertEquals(1_000_000, first.length(), "the caller gets the whole response");
        report("too-large", 1_000_000).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("conflict"))
                .body("detail", equalTo("The request with this Idempotency-Key already ran; its response is not kept for "
                        + "replay."))
                .header("Idempotent-Replayed", "true").header("Location", "/reports/1000000");
        report("too-large", 1_000_000).then().statusCode(409);
        assertEquals(1, CALLS.get() - before, "the method ran once");
    }

    @Test
    void pastTheByteBudgetTheOldestBodiesAreDroppedTheirKeysKept() {
        int before = CALLS.get();
        for (int i = 0; i < 8; i++) { // 8 x 9 KB in a 40 KB budget
            report("budget-" + i, 9_000).then().statusCode(201);
        }
        report("budget-0", 9_000).then().statusCode(409).body("code", equalTo("conflict"));
        String replayed = report("budget-7", 9_000).then().statusCode(201).header("Idempotent-Replayed", "true")
                .extract().asString();
        assertEquals(9_000, replayed.length());
        assertEquals(8, CALLS.get() - before, "no key ran twice");
    }

    @Path("/reports")
    @Consumes("text/plain")
    public static class Reports {
        @POST
        @Idempotent
        public Response create(String body, @QueryParam("size") int size) {
            CALLS.incrementAndGet();
            return Response.status(201).header("Location", "/reports/" + size).type("text/plain")
                    .entity("r".repeat(size)).build();
        }
    }
}
