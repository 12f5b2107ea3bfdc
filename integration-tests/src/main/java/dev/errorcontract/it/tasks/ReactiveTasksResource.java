package dev.errorcontract.it.tasks;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.errorcontract.Idempotent;
import io.smallrye.mutiny.Uni;

/** {@code POST /reactive/tasks}: the same as {@code POST /tasks}, returning a {@code Uni}, so run on the I/O thread. */
@Path("/reactive/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class ReactiveTasksResource {

    private final TaskStore store;

    ReactiveTasksResource(TaskStore store) {
        this.store = store;
    }

    @POST
    @APIResponse(responseCode = "201", description = "The task was created; Location has its address", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Task.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("write")
    @Idempotent
    public Uni<Response> create(@Valid @NotNull NewTask newTask) {
        return store.createAsync(newTask)
                .map(task -> Response.created(URI.create("/tasks/" + task.id())).entity(task).build());
    }
}
