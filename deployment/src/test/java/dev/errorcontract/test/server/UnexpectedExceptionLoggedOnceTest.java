package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** An unexpected exception is logged once, at ERROR, with its stack trace and the request id the caller got. */
public class UnexpectedExceptionLoggedOnceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class))
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(records -> {
                List<LogRecord> errors = records.stream().filter(r -> r.getThrown() != null
                        && "kaboom with password=hunter2".equals(r.getThrown().getMessage())).toList();
                assertEquals(1, errors.size(), "logged once: " + records);
                LogRecord record = errors.get(0);
                assertEquals(Level.SEVERE.intValue(), record.getLevel().intValue(), "logged at ERROR");
                assertTrue(record.getParameters() != null && record.getParameters().length > 0
                        && "fixed-id-1".equals(String.valueOf(record.getParameters()[0])), "request id in the log line");
            });

    @Test
    void loggedWithRequestId() {
        String body = given().header("X-Request-Id", "fixed-id-1").get("/boom").then().statusCode(500)
                .extract().asString();
        assertNotNull(body);
        assertTrue(!body.contains("hunter2"), body);
    }

    @Path("/boom")
    public static class Resource {
        @GET
        public String boom() {
            throw new IllegalStateException("kaboom with password=hunter2");
        }
    }
}
