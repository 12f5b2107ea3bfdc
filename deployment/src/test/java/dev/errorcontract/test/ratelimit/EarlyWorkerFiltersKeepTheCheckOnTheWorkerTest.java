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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Worker-thread filters that come before the check (a lower priority, or pre-matching): Quarkus REST allows no
 * event-loop filter after them, so the check stays where its priority puts it, on the worker thread. The build says
 * so, naming each filter; the application builds and the order holds: a request the early filter rejects takes no
 * permit.
 */
public class EarlyWorkerFiltersKeepTheCheckOnTheWorkerTest {

    static final Map<String, String> THREADS = new ConcurrentHashMap<>();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, Threads.class, RejectingFilter.class,
                    PreMatchingFilters.class))
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].permits", "1")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.identity", "address")
            .setLogRecordPredicate(record -> record.getMessage().startsWith("The rate-limit check runs on the worker"))
            .assertLogRecords(records -> {
                assertEquals(1, records.size());
                String filters = String.valueOf(records.get(0).getParameters()[1]);
                assertEquals(RejectingFilter.class.getName() + " (priority 1000)\n  "
                        + PreMatchingFilters.class.getName() + "#log (pre-matching, priority 5000)", filters);
            });

    @Test
    void theEarlyFilterRunsFirstAndRefusalsAreAnsweredFromTheWorker() {
        for (int i = 0; i < 3; i++) {
            given().header("X-Reject", "yes").get("/blocking").then().statusCode(401);
        }
        given().get("/blocking").then().statusCode(200).header("RateLimit-Remaining", "0");
        given().get("/blocking").then().statusCode(429).body("code", equalTo("rate_limit_exceeded"));
        assertTrue(THREADS.get("refused").startsWith("executor-thread"), THREADS.toString());
    }

    @Path("/blocking")
    public static class Resource {
        @GET
        @RateLimited(bucket = "b")
        public String get() {
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

    @Provider
    @Priority(Priorities.AUTHENTICATION)
    public static class RejectingFilter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getHeaderString("X-Reject") != null) {
                request.abortWith(Response.status(401).build());
            }
        }
    }

    public static class PreMatchingFilters {
        @ServerRequestFilter(preMatching = true)
        public void log(ContainerRequestContext request) {
        }
    }
}
