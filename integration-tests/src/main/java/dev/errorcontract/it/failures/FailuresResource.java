package dev.errorcontract.it.failures;

import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.RateLimit;

/**
 * One endpoint per kind of failure that the tasks API does not produce by itself, so that each can be shown with one
 * curl command.
 */
@Path("/demo/failures")
@Produces(MediaType.APPLICATION_JSON)
public class FailuresResource {

    @Inject
    @RestClient
    UpstreamClient upstream;

    /** An unexpected exception whose message holds secrets: the body shows none of it. */
    @GET
    @Path("/unexpected")
    public String unexpected() {
        throw new IllegalStateException(
                "Connection refused: jdbc:postgresql://db.internal:5432/tasks?user=app&password=s3cr3t");
    }

    /** A fault tolerance timeout: 504. */
    @GET
    @Path("/timeout")
    @Timeout(value = 100, unit = ChronoUnit.MILLIS)
    public String timeout() throws InterruptedException {
        Thread.sleep(2_000);
        return "too late";
    }

    /** Fails twice, then the circuit opens: 500, 500, then 503. */
    @GET
    @Path("/circuit-breaker")
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 0.5, delay = 60, delayUnit = ChronoUnit.SECONDS)
    public String circuitBreaker() {
        throw new IllegalStateException("the inventory service is down");
    }

    /** One call per 10 seconds: the second gets 429 with Retry-After. */
    @GET
    @Path("/rate-limited")
    @RateLimit(value = 1, window = 10, windowUnit = ChronoUnit.SECONDS)
    public String rateLimited() {
        return "{\"ok\":true}";
    }

    /** A downstream service answers 404: this API answers 502, passing nothing of it through. */
    @GET
    @Path("/downstream")
    public String downstream() {
        return upstream.missing();
    }
}
