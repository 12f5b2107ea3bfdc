package dev.errorcontract.shapes;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** A filter that turns away callers marked as blocked, with a bare status. */
public class BlockingFilter {

    @ServerRequestFilter
    public Response block(ContainerRequestContext context) {
        if ("yes".equals(context.getHeaderString("X-Blocked"))) {
            return Response.status(401).header("X-Blocked-By", "filter").build();
        }
        return null;
    }
}
