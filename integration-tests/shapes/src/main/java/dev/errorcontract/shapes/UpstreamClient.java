package dev.errorcontract.shapes;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The stock service; {@code dead} points at a port nobody listens on, {@code slow} at an endpoint that sleeps. */
@Path("/upstream")
public interface UpstreamClient {

    @GET
    @Path("/sleep")
    String sleep();

    @RegisterRestClient(configKey = "dead")
    interface Dead extends UpstreamClient {
    }

    @RegisterRestClient(configKey = "slow")
    interface Slow extends UpstreamClient {
    }
}
