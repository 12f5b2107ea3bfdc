package dev.errorcontract.it.limits;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.errorcontract.RateLimited;
import dev.errorcontract.it.tasks.Task;
import dev.errorcontract.it.tasks.TaskStore;

/** An expensive search with a tight bucket of its own: 5 searches a minute per API key. */
@Path("/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    TaskStore store;

    @GET
    @RolesAllowed("read")
    @RateLimited(bucket = "search")
    public List<Task> search(@QueryParam("q") String query) {
        String needle = query == null ? "" : query.toLowerCase();
        return store.list(100).stream().filter(task -> task.title().toLowerCase().contains(needle)).toList();
    }
}
