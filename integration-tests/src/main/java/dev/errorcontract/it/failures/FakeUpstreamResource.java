package dev.errorcontract.it.failures;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** Stands for another company's service, with its own error format and internals (so not in this API's document). */
@Path("/demo/fake-upstream")
public class FakeUpstreamResource {

    @GET
    @Path("/missing")
    @Operation(hidden = true)
    public Response missing() {
        return Response.status(404).type("application/json")
                .header("X-Upstream-Secret", "internal-host-17")
                .entity("{\"error\":\"not_found\",\"message\":\"no row in inventory_db.items for sku 42\"}").build();
    }
}
