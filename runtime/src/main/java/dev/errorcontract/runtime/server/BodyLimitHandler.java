package dev.errorcontract.runtime.server;

import java.util.List;
import java.util.Map;

import io.quarkus.arc.Arc;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose declared {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} with the
 * contract's 413, just before Quarkus's own check would answer it with an empty body. (A chunked body that grows over
 * the limit is still cut by Quarkus REST itself, with an empty 413: it answers before it throws.)
 */
final class BodyLimitHandler implements Handler<RoutingContext> {

    /** The most of a rejected body read (and dropped) so that the client can read the 413. */
    static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final long limit;

    BodyLimitHandler(long limit) {
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && isOver(length)) {
            drainThenClose(context.request(), Long.parseLong(length.trim()));
            Arc.container().instance(ErrorResponses.class).get().write(
                    FailureClassifier.simple(413, null).error(),
                    Map.of("Connection", List.of("close")), null, context);
            return;
        }
        context.next();
    }

    /**
     * A client that sends its body without waiting for {@code Expect: 100-continue} (most do) is still writing when
     * the 413 is sent; closing the connection then resets it, and the client never reads the answer. So the body is
     * read and dropped, up to {@link #DRAIN_LIMIT}, before the connection is closed.
     */
    private static void drainThenClose(HttpServerRequest request, long declared) {
        if (declared > DRAIN_LIMIT || request.isEnded()) {
            request.response().endHandler(ignored -> request.connection().close());
            return;
        }
        long[] drained = { 0 };
        request.handler(buffer -> {
            drained[0] += buffer.length();
            if (drained[0] > DRAIN_LIMIT) {
                request.connection().close();
            }
        });
        request.endHandler(ignored -> request.connection().close());
        request.exceptionHandler(ignored -> request.connection().close());
        request.resume();
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Quarkus rejects a malformed Content-Length itself
        }
    }
}
