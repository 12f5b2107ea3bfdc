package dev.errorcontract.shapes;

import java.time.LocalDate;
import java.util.List;

import jakarta.ws.rs.core.Response;

import dev.errorcontract.ApiException;

public class OrdersResource implements OrdersApi {

    @Override
    public List<Order> list(Integer limit, LocalDate since) {
        return List.of();
    }

    @Override
    public Order get(int id) {
        throw ApiException.notFound("Order " + id + " does not exist");
    }

    @Override
    public Response create(Order order) {
        return Response.status(201).entity(order).build();
    }

    @Override
    public Response archived(int id) {
        return Response.status(404).header("X-Archive", "cold").build();
    }
}
