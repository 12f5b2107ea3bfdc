package dev.errorcontract.runtime.server;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/** The Vert.x routing context behind a Quarkus REST request. */
public final class RoutingContexts {

    private RoutingContexts() {
    }

    public static RoutingContext of(ServerRequestContext context) {
        if (context instanceof ResteasyReactiveRequestContext requestContext) {
            return requestContext.serverRequest().unwrap(RoutingContext.class);
        }
        return null;
    }

    /** The name of the request's authenticated principal, or {@code null} when it has none (yet). */
    public static String principalName(RoutingContext context) {
        if (context != null && context.user() instanceof QuarkusHttpUser user
                && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity().getPrincipal().getName();
        }
        return null;
    }
}
