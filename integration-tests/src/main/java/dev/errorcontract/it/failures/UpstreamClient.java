package dev.errorcontract.it.failures;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A REST client to another service; here the demo's own {@link FakeUpstreamResource}. */
@RegisterRestClient(configKey = "demo-upstream")
@Path("/demo/fake-upstream")
public interface UpstreamClient {

    @GET
    @Path("/missing")
    String missing();
}
