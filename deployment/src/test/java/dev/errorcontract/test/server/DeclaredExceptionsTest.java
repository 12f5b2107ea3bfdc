package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ErrorCode;
import io.quarkus.test.QuarkusUnitTest;

/** Application exceptions map to catalogue entries by annotation or configuration, subtypes included. */
public class DeclaredExceptionsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, DuplicateTaskException.class,
                    DuplicateUrgentTaskException.class, QuotaExceededException.class, BackendBrokeException.class))
            .overrideConfigKey("quarkus.error-contract.exceptions.\"" + QuotaExceededException.class.getName()
                    + "\".status", "402")
            .overrideConfigKey("quarkus.error-contract.exceptions.\"" + BackendBrokeException.class.getName()
                    + "\".status", "503")
            .overrideConfigKey("quarkus.error-contract.exceptions.\"" + BackendBrokeException.class.getName()
                    + "\".expose-message", "true");

    @Test
    void annotatedExceptionWithExposedMessage() {
        given().get("/declared/duplicate").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("duplicate_task"))
                .body("detail", equalTo("A task titled 'x' already exists"));
    }

    @Test
    void subtypeOfAnnotatedException() {
        given().get("/declared/duplicate-urgent").then().statusCode(409).body("code", equalTo("duplicate_task"));
    }

    @Test
    void configuredExceptionWithCatalogueCodeAndHiddenMessage() {
        given().get("/declared/quota").then().statusCode(402)
                .body("code", equalTo("payment_required"))
                .body("detail", not(containsString("acct-991")));
    }

    @Test
    void serverErrorNeverExposesItsMessage() {
        given().get("/declared/backend").then().statusCode(503)
                .body("code", equalTo("service_unavailable"))
                .body("detail", not(containsString("10.0.0.7")));
    }

    @Path("/declared")
    public static class Resource {
        @GET
        @Path("/duplicate")
        public String duplicate() {
            throw new DuplicateTaskException("x");
        }

        @GET
        @Path("/duplicate-urgent")
        public String duplicateUrgent() {
            throw new DuplicateUrgentTaskException("y");
        }

        @GET
        @Path("/quota")
        public String quota() {
            throw new QuotaExceededException();
        }

        @GET
        @Path("/backend")
        public String backend() {
            throw new BackendBrokeException();
        }
    }

    @ErrorCode(status = 409, code = "duplicate_task", exposeMessage = true)
    public static class DuplicateTaskException extends RuntimeException {
        public DuplicateTaskException(String title) {
            super("A task titled '" + title + "' already exists");
        }
    }

    public static class DuplicateUrgentTaskException extends DuplicateTaskException {
        public DuplicateUrgentTaskException(String title) {
            super(title);
        }
    }

    public static class QuotaExceededException extends RuntimeException {
        public QuotaExceededException() {
            super("account acct-991 is over quota");
        }
    }

    public static class BackendBrokeException extends RuntimeException {
        public BackendBrokeException() {
            super("backend 10.0.0.7 refused");
        }
    }
}
