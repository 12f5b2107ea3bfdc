package dev.errorcontract.shapes;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The orders API as an interface (the way contract-first applications declare it); {@link OrdersResource} serves it. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface OrdersApi {

    @GET
    List<Order> list(@QueryParam("limit") @Max(100) Integer limit, @QueryParam("since") LocalDate since);

    @GET
    @Path("/{id}")
    Order get(@PathParam("id") int id);

    @POST
    Response create(@Valid @NotNull Order order);

    /** A lookup that finds nothing and says so with a bare status. */
    @GET
    @Path("/archived/{id}")
    Response archived(@PathParam("id") int id);
}
