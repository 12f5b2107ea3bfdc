package dev.errorcontract.server;

import java.util.Map;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorCodes;
import io.quarkus.arc.Arc;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders failures that happen outside Quarkus REST (a request body over {@code quarkus.http.limits.max-body-size},
 * a failed HTTP permission check, a failing Vert.x route) by the contract, before Quarkus's own error page.
 */
public class HttpFailureHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext context) {
        if (context.response().ended() || context.response().headWritten()) {
            context.next();
            return;
        }
        ErrorResponses responses = Arc.container().instance(ErrorResponses.class).get();
        Throwable failure = context.failure();
        if (failure == null) {
            int status = context.statusCode() >= 400 ? context.statusCode() : 500;
            ApiError error = ApiError.of(status, ErrorCodes.defaultCode(status), StandardDetails.of(status));
            responses.write(error, Map.of(), null, context);
            return;
        }
        ErrorResponses.Classified classified = responses.classify(failure, context);
        responses.write(classified.error(), classified.headers(), classified.unexpected(), context);
    }
}
