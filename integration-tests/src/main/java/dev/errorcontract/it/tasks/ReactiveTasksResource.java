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
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("write")
    @Idempotent
    public Uni<Response> create(@Valid @NotNull NewTask newTask) {
        return store.createAsync(newTask)
                .map(task -> Response.created(URI.create("/tasks/" + task.id())).entity(task).build());
    }
}
