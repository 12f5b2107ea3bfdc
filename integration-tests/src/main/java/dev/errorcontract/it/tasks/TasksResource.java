package dev.errorcontract.it.tasks;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.errorcontract.ApiException;
import dev.errorcontract.Idempotent;
import dev.errorcontract.it.DemoConfig;

/**
 * The demo tasks API, with API keys (as Aura), 201/202/204 (as AuthRocket) and 423 while a task is busy (as the KYC-style API).
 */
@Path("/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {

    @Inject
    TaskStore store;

    @Inject
    DemoConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("write")
    @Idempotent
    @APIResponse(responseCode = "201", description = "The task was created; Location has its address", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Task.class)))
    public Response create(@Valid @jakarta.validation.constraints.NotNull NewTask newTask) {
        Task task = store.create(newTask);
        return Response.created(URI.create("/tasks/" + task.id())).entity(task).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("read")
    public Task get(@PathParam("id") long id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("Task " + id + " does not exist"));
    }

    @GET
    @RolesAllowed("read")
    @APIResponse(responseCode = "200", description = "The first tasks; X-Total-Count has how many there are", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Task.class)))
    public Response list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return Response.ok(store.list(limit)).header("X-Total-Count", store.count()).build();
    }

    @POST
    @Path("/{id}/process")
    @RolesAllowed("write")
    @APIResponse(responseCode = "202", description = "Processing started; the task is busy for a while", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Task.class)))
    public Response process(@PathParam("id") long id) {
        get(id);
        store.startProcessing(id, config.processingTime());
        return Response.accepted(store.find(id).orElseThrow()).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("write")
    @APIResponse(responseCode = "204", description = "The task was deleted")
    @APIResponse(responseCode = "423", description = "The task is being processed; retry after Retry-After seconds", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response delete(@PathParam("id") long id) {
        get(id);
        store.busyFor(id).ifPresent(wait -> {
            throw ApiException.locked("Task " + id + " is being processed", wait);
        });
        store.delete(id);
        return Response.noContent().build();
    }
}
