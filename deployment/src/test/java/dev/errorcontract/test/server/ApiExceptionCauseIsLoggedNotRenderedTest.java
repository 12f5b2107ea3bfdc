package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ApiError;
import dev.errorcontract.ApiException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The cause an application gives an {@code ApiException} is logged with the error, at the error's own level (a
 * deliberate 5xx at WARN, a 4xx at DEBUG), once, and never shown to the caller.
 */
public class ApiExceptionCauseIsLoggedNotRenderedTest {

    static final String GATEWAY_DOWN = "payment gateway at 10.0.0.7:8443 refused the connection";
    static final String ROW_CHANGED = "row 42 of table orders changed under us";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .overrideConfigKey("quarkus.log.category.\"dev.errorcontract\".level", "DEBUG")
            .setLogRecordPredicate(record -> record.getThrown() != null)
            .assertLogRecords(records -> {
                assertLoggedOnceAt(records, GATEWAY_DOWN, Level.WARNING);
                assertLoggedOnceAt(records, ROW_CHANGED, Level.FINE);
            });

    static void assertLoggedOnceAt(List<LogRecord> records, String causeMessage, Level level) {
        List<LogRecord> logged = records.stream().filter(r -> causeMessage.equals(r.getThrown().getMessage())).toList();
        assertEquals(1, logged.size(), "logged once: " + records);
        assertEquals(level, logged.get(0).getLevel(), causeMessage);
    }

    @Test
    void aDeliberate5xxShowsItsDetailNotItsCause() {
        given().get("/payments/charge").then().statusCode(503)
                .body("code", equalTo("service_unavailable"))
                .body("detail", equalTo("Payments are down"))
                .body(not(containsString("10.0.0.7")))
                .header("Retry-After", "30");
    }

    @Test
    void a4xxShowsItsDetailNotItsCause() {
        given().get("/payments/refund").then().statusCode(409)
                .body("code", equalTo("stale_order"))
                .body("detail", equalTo("The order changed; reload it"))
                .body(not(containsString("row 42")));
    }

    @Path("/payments")
    public static class Resource {
        @GET
        @Path("/charge")
        public String charge() {
            throw ApiException.serviceUnavailable("Payments are down", Duration.ofSeconds(30))
                    .initCause(new IllegalStateException(GATEWAY_DOWN));
        }

        @GET
        @Path("/refund")
        public String refund() {
            throw ApiException.of(ApiError.of(409, "stale_order", "The order changed; reload it"),
                    new IllegalStateException(ROW_CHANGED));
        }
    }
}
