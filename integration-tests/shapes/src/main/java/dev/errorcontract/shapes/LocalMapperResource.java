package dev.errorcontract.shapes;

import jakarta.validation.ValidationException;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A resource with its own mapper for validation failures: it answers its own way, and only here. */
@Path("/legacy")
public class LocalMapperResource {

    @GET
    public String search(@QueryParam("page") @Min(1) int page) {
        return "page " + page;
    }

    @ServerExceptionMapper
    public Response legacyValidation(ValidationException exception) {
        return Response.status(400).entity("{\"legacy\":true}").type("application/json").build();
    }
}
