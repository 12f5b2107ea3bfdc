package dev.errorcontract.shapes;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Three ways to protect an endpoint: none ({@code /public}), annotations ({@code /annotated}) and an HTTP permission
 * policy in application.properties ({@code /admin/*}, role admin).
 */
@Path("/")
public class SecuredResource {

    @GET
    @Path("/public/hello")
    public String hello() {
        return "hello";
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
