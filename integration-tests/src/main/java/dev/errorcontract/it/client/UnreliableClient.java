package dev.errorcontract.it.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * A REST client to the unreliable upstream. Its only error handling is {@code @Retry}: the extension decides what is
 * retried, and when.
 */
@RegisterRestClient(configKey = "unreliable")
@Path("/upstream")
@Produces(MediaType.APPLICATION_JSON)
public interface UnreliableClient {

    @GET
    @Path("/{scenario}")
    @Retry(maxRetries = 3)
    String get(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") int failures);

    @GET
    @Path("/{scenario}")
    @Retry(maxRetries = 3)
    Uni<String> getReactive(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") int failures);

    @POST
    @Path("/{scenario}")
    @Retry(maxRetries = 3)
    String post(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") int failures, String body);

    @POST
    @Path("/{scenario}")
    @Retry(maxRetries = 3)
    Uni<String> postReactive(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") int failures, String body);

    /** A POST without @Retry: it gets no Idempotency-Key. */
    @POST
    @Path("/{scenario}")
    String postOnce(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") int failures, String body);

    /** Without @Retry: errors still arrive as ApiException, nothing is retried. */
    @GET
    @Path("/{scenario}")
    String once(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") int failures);
}
