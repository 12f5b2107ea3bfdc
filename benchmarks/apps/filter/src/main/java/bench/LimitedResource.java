package bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/bench/limited")
@Produces(MediaType.APPLICATION_JSON)
public class LimitedResource {

    @GET
    @Path("/high")
    @Throttled("high")
    public BenchResource.Item high() {
        return new BenchResource.Item(42, "Write the benchmark", "high");
    }

    @GET
    @Path("/low")
    @Throttled("low")
    public BenchResource.Item low() {
        return new BenchResource.Item(42, "Write the benchmark", "high");
    }
}
