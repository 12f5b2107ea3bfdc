package dev.errorcontract.test.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.errorcontract.Idempotent;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * @Idempotent methods that Quarkus REST runs on the I/O thread (returning Uni or CompletionStage, or @NonBlocking):
 *             the body is read without blocking, the first request runs once, a retry is replayed, another body is a conflict;
 *             also with a body larger than Quarkus REST's input buffer (it arrives in several chunks).
 */
public class NonBlockingIdempotentEndpointsTest {

    static final AtomicInteger CALLS = new AtomicInteger();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Reactive.class));

    @ParameterizedTest
    @ValueSource(strings = { "uni", "stage", "non-blocking" })
    void runsOnceIsReplayedAndConflicts(String endpoint) {
        int before = CALLS.get();
        String key = "nb-" + endpoint;
        String first = given().header("Idempotency-Key", key).contentType("application/json").body("{\"a\":1}")
                .post("/reactive/" + endpoint).then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .body("io_thread", equalTo(true)).extract().asString();
        given().header("Idempotency-Key", key).contentType("application/json").body("{ \"a\": 1 }")
                .post("/reactive/" + endpoint).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body(equalTo(first));
        given().header("Idempotency-Key", key).contentType("application/json").body("{\"a\":2}")
                .post("/reactive/" + endpoint).then().statusCode(409).body("code", equalTo("idempotency_conflict"));
        assertEquals(1, CALLS.get() - before, "the method ran once");
    }

    @ParameterizedTest
    @ValueSource(strings = { "uni", "stage", "non-blocking" })
    void withoutAKeyTheMethodRunsAsUsual(String endpoint) {
        given().contentType("application/json").body("{\"a\":1}").post("/reactive/" + endpoint).then().statusCode(201)
                .body("length", equalTo(7));
    }

    @Test
    void aBodyInManyChunksReachesTheMethodWhole() {
        String large = "{\"text\":\"" + "x".repeat(200_000) + "\"}";
        given().header("Idempotency-Key", "nb-large").contentType("application/json").body(large)
                .post("/reactive/uni").then().statusCode(201).body("length", equalTo(large.length()));
        given().header("Idempotency-Key", "nb-large").contentType("application/json").body(large)
                .post("/reactive/uni").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("length", equalTo(large.length()));
    }

    @Path("/reactive")
    @Consumes("application/json")
    @Produces("application/json")
    public static class Reactive {

        static String result(String body) {
            return "{\"call\":" + CALLS.incrementAndGet() + ",\"length\":" + body.length() + ",\"io_thread\":"
                    + Context.isOnEventLoopThread() + "}";
        }

        @POST
        @Path("/uni")
        @Idempotent
        public Uni<Response> uni(String body) {
            return Uni.createFrom().item(() -> Response.status(201).entity(result(body)).build());
        }

        @POST
        @Path("/stage")
        @Idempotent
        public CompletionStage<Response> stage(String body) {
            return CompletableFuture.completedFuture(Response.status(201).entity(result(body)).build());
        }

        @POST
        @Path("/non-blocking")
        @NonBlocking
        @Idempotent
        public Response nonBlocking(String body) {
            return Response.status(201).entity(result(body)).build();
        }
    }
}
