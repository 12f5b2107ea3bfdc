package bench;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.errorcontract.Idempotent;
import dev.errorcontract.RateLimited;

/** The memory scenarios: one rate-limit bucket per API key, one stored response per idempotency key. */
@Path("/bench/memory")
@Produces(MediaType.APPLICATION_JSON)
public class MemoryResource {

    @GET
    @Path("/per-key")
    @RateLimited(bucket = "perkey")
    public BenchResource.Item perKey() {
        return new BenchResource.Item(42, "Write the benchmark", "high");
    }

    @POST
    @Path("/idempotent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    public BenchResource.Item idempotent(String body) {
        return new BenchResource.Item(42, "Write the benchmark", "high");
    }
}
