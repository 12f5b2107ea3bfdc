package dev.errorcontract.test.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.NonBlocking;

/**
 * A blocking resource method: the rate-limit check runs on the event loop, so a refused request never takes a worker
 * thread, while an allowed one runs on a worker as usual. Event-loop filters before the check and worker-thread
 * filters after it leave it there, and the build says nothing about them.
 */
public class RefusalsStayOnTheEventLoopTest {

    static final Map<String, String> THREADS = new ConcurrentHashMap<>();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, Threads.class, EarlyNonBlockingFilter.class,
                    MethodFilters.class))
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].permits", "1")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.identity", "address")
            .setLogRecordPredicate(record -> record.getMessage().startsWith("The rate-limit check runs on the worker"))
            .assertLogRecords(records -> assertEquals(0, records.size()));

    @Test
    void allowedRunsOnAWorkerRefusedNeverLeavesTheEventLoop() {
        given().get("/blocking").then().statusCode(200).body(equalTo("ok"));
        assertTrue(THREADS.get("resource").startsWith("executor-thread"), THREADS.toString());

        given().get("/blocking").then().statusCode(429).body("code", equalTo("rate_limit_exceeded"));
        assertTrue(THREADS.get("refused").startsWith("vert.x-eventloop-thread"), THREADS.toString());
    }

    @Path("/blocking")
    public static class Resource {
        @GET
        @RateLimited(bucket = "b")
        public String get() {
            THREADS.put("resource", Thread.currentThread().getName());
            return "ok";
        }
    }

    public static class Threads {
        @ServerResponseFilter
        public void record(ContainerResponseContext response) {
            if (response.getStatus() == 429) {
                THREADS.put("refused", Thread.currentThread().getName());
            }
        }
    }

    // Quarkus REST requires event-loop filters to come before every worker-thread filter
    @Provider
    @NonBlocking
    @Priority(Priorities.AUTHENTICATION - 200)
    public static class EarlyNonBlockingFilter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
        }
    }

    public static class MethodFilters {
        @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100, nonBlocking = true)
        public void earlyOnTheEventLoop(ContainerRequestContext request) {
        }

        @ServerRequestFilter
        public void late(ContainerRequestContext request) {
        }
    }
}
