package dev.errorcontract.runtime.server;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * Marks, just before the resource method runs, that the request has been read: a failure after this point is not the
 * caller's (a JSON error from the application's own {@code ObjectMapper} is a 500, not a malformed body). Added to
 * every resource method from the build.
 */
public class ResourceInvoked implements ServerRestHandler {

    static final String PROPERTY = "dev.errorcontract.resource-invoked";

    @Override
    public void handle(ResteasyReactiveRequestContext requestContext) {
        requestContext.setProperty(PROPERTY, Boolean.TRUE);
    }
}
