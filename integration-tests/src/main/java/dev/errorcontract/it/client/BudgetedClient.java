package dev.errorcontract.it.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A client with a small retry budget of its own (4 tokens), to show retries stopping when an upstream is down. */
@RegisterRestClient(configKey = "budgeted")
@Path("/upstream")
@Produces(MediaType.APPLICATION_JSON)
public interface BudgetedClient {

    @GET
    @Path("/{scenario}")
    @Retry(maxRetries = 3)
    String get(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") int failures);
}
