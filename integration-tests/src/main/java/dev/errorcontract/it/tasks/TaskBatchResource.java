package dev.errorcontract.it.tasks;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.errorcontract.Idempotent;

/** {@code POST /tasks/batch}: up to 100 tasks at once, answered with all of them (a large response). */
@Path("/tasks/batch")
@Produces(MediaType.APPLICATION_JSON)
public class TaskBatchResource {

    @Inject
    TaskStore store;

    @POST
    @APIResponse(responseCode = "201", description = "The tasks were created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Task.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("write")
    @Idempotent
    public Response create(@Valid @NotNull @Size(min = 1, max = 100) List<@Valid @NotNull NewTask> newTasks) {
        return Response.status(201).entity(newTasks.stream().map(store::create).toList()).build();
    }
}
