package dev.errorcontract.server;

import java.util.List;
import java.util.Map;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorCodes;
import io.quarkus.arc.Arc;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose declared {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} with the
 * contract's 413, just before Quarkus's own check would answer it with an empty body. (A chunked body that grows over
 * the limit is still cut by Quarkus itself, with an empty 413.)
 */
final class BodyLimitHandler implements Handler<RoutingContext> {

    private final long limit;

    BodyLimitHandler(long limit) {
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && isOver(length)) {
            context.response().endHandler(ignored -> context.request().connection().close());
            Arc.container().instance(ErrorResponses.class).get().write(
                    ApiError.of(413, ErrorCodes.PAYLOAD_TOO_LARGE, StandardDetails.of(413)),
                    Map.of("Connection", List.of("close")), null, context);
            return;
        }
        context.next();
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Quarkus rejects a malformed Content-Length itself
        }
    }
}
