package dev.errorcontract.shapes;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import dev.errorcontract.RateLimited;

/**
 * Three ways to protect an endpoint: none ({@code /public}), annotations ({@code /annotated}) and an HTTP permission
 * policy in application.properties ({@code /admin/*}, role admin); and a public endpoint rate limited per principal.
 */
@Path("/")
public class SecuredResource {

    @GET
    @Path("/public/hello")
    public String hello() {
        return "hello";
    }

    /** Public, but rate limited per caller: asking who the caller is authenticates a credential the caller sent. */
    @GET
    @Path("/public/limited")
    @RateLimited(bucket = "per-caller")
    public String limited() {
        return "limited";
    }

    @GET
    @Path("/annotated/admin")
    @RolesAllowed("admin")
    public String annotatedAdmin() {
        return "admin";
    }

    @GET
    @Path("/admin/report")
    public String adminReport() {
        return "report";
    }
}
