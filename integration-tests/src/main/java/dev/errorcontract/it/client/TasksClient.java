package dev.errorcontract.it.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.errorcontract.it.tasks.NewTask;
import dev.errorcontract.it.tasks.Task;

/** A REST client to the demo's own idempotent {@code POST /tasks}, as another service would call it. */
@RegisterRestClient(configKey = "demo-tasks")
@Path("/tasks")
@ClientHeaderParam(name = "X-API-KEY", value = "demo-key-full")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TasksClient {

    @POST
    @Retry(maxRetries = 3)
    Task create(NewTask task);
}
