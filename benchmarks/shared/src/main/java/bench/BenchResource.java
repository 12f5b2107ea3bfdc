package bench;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The endpoints every benchmarked application has, the same code in each. */
@Path("/bench")
@Produces(MediaType.APPLICATION_JSON)
public class BenchResource {

    public record Item(long id, String name, String priority) {
    }

    public record NewItem(@NotBlank @Size(max = 200) String name, @NotBlank String priority) {
    }

    private static final Item ITEM = new Item(42, "Write the benchmark", "high");

    @GET
    @Path("/json")
    public Item json() {
        return ITEM;
    }

    @GET
    @Path("/unlimited")
    public Item unlimited() {
        return ITEM;
    }

    @GET
    @Path("/missing")
    public Item missing() {
        throw new NotFoundException("Item 7 does not exist");
    }

    @POST
    @Path("/validated")
    @Consumes(MediaType.APPLICATION_JSON)
    public Item validated(@Valid NewItem item) {
        return ITEM;
    }

    @GET
    @Path("/boom")
    public Item boom() {
        throw new IllegalStateException("unexpected");
    }
}
