package dev.errorcontract.runtime.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * A request that accepts only {@code application/problem+json} is read as also accepting anything at the lowest
 * preference: without it, Quarkus REST answers 406 before the resource runs, and the caller never sees the real
 * error. A success is then in the endpoint's own media type.
 */
final class ProblemAccept implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext context) {
        String accept = context.request().getHeader("Accept");
        if (accept != null && onlyProblemJson(accept)) {
            context.request().headers().set("Accept", accept + ", */*;q=0.01");
        }
        context.next();
    }

    static boolean onlyProblemJson(String accept) {
        for (String range : accept.split(",")) {
            int parameters = range.indexOf(';');
            String type = (parameters < 0 ? range : range.substring(0, parameters)).trim();
            if (!type.equalsIgnoreCase(ProblemDetailsRenderer.PROBLEM_JSON)) {
                return false;
            }
        }
        return true;
    }
}
