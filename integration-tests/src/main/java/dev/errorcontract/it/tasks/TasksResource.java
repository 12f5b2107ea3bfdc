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

import dev.errorcontract.ApiException;
import dev.errorcontract.Idempotent;
import dev.errorcontract.it.DemoConfig;

/** The demo tasks API, in the style of seed 001. */
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
    public Response list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return Response.ok(store.list(limit)).header("X-Total-Count", store.count()).build();
    }

    @POST
    @Path("/{id}/process")
    @RolesAllowed("write")
    public Response process(@PathParam("id") long id) {
        get(id);
        store.startProcessing(id, config.processingTime());
        return Response.accepted(store.find(id).orElseThrow()).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("write")
    public Response delete(@PathParam("id") long id) {
        get(id);
        store.busyFor(id).ifPresent(wait -> {
            throw ApiException.locked("Task " + id + " is being processed", wait);
        });
        store.delete(id);
        return Response.noContent().build();
    }
}
