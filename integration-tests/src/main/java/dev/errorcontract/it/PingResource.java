package dev.errorcontract.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import dev.errorcontract.ApiException;

@Path("/ping")
public class PingResource {

    @GET
    public String ping() {
        return "pong";
    }

    @GET
    @Path("/missing")
    public String missing() {
        throw ApiException.notFound("nothing here");
    }
}
