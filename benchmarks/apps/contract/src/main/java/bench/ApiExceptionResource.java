package bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.errorcontract.ApiException;

/** The 404 as an application using the extension writes it: with ApiException. */
@Path("/bench/missing-api")
@Produces(MediaType.APPLICATION_JSON)
public class ApiExceptionResource {

    @GET
    public BenchResource.Item missing() {
        throw ApiException.notFound("Item 7 does not exist");
    }
}
