package dev.errorcontract.shapes;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.common.annotation.Blocking;

@Path("/upstream")
public class UpstreamResource {

    @RestClient
    UpstreamClient.Dead dead;

    @RestClient
    UpstreamClient.Slow slow;

    @GET
    @Path("/refused")
    public String refused() {
        return dead.sleep();
    }

    @GET
    @Path("/read-timeout")
    public String readTimeout() {
        return slow.sleep();
    }

    /** What the slow client calls: answers after longer than its read timeout. */
    @GET
    @Path("/sleep")
    @Blocking
    public String sleep() throws InterruptedException {
        Thread.sleep(3_000);
        return "late";
    }

    /** Opens after two failures and stays open for a minute. */
    @GET
    @Path("/breaker")
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60, delayUnit = ChronoUnit.SECONDS)
    public String breaker() {
        throw new IllegalStateException("stock service down");
    }
}
