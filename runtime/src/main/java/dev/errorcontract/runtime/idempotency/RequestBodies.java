package dev.errorcontract.runtime.idempotency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import org.jboss.resteasy.reactive.server.core.BlockingOperationSupport;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

/** Reads the whole request body in a request filter, on a worker thread or on the I/O thread, and keeps it readable. */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * Reads the whole body, then hands it on; the body stays readable for the method. On a worker thread (a
     * blocking method) it is read as a stream. On the I/O thread (a method returning {@code Uni} or
     * {@code CompletionStage}, or {@code @NonBlocking}) filters run before Quarkus REST reads the body, and a
     * blocking read is not allowed there: the body is then collected from Vert.x as it arrives.
     */
    static void read(ResteasyReactiveContainerRequestContext context, Consumer<byte[]> then) throws IOException {
        ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context.getServerRequestContext();
        if (request.hasInputStream() || BlockingOperationSupport.isBlockingAllowed()) {
            byte[] body = context.getEntityStream().readAllBytes();
            context.setEntityStream(new ByteArrayInputStream(body));
            then.accept(body);
            return;
        }
        ServerHttpRequest http = request.serverRequest();
        BodyCollector collector = new BodyCollector(context, body -> {
            request.setInputStream(new ByteArrayInputStream(body));
            then.accept(body);
        });
        if (http.isRequestEnded()) {
            http.resumeRequestInput();
            collector.done();
        } else {
            http.setReadListener(collector);
            http.resumeRequestInput();
        }
    }

    /** Collects a request body from Vert.x on the I/O thread. */
    private static final class BodyCollector implements ServerHttpRequest.ReadCallback {
        private final ResteasyReactiveContainerRequestContext context;
        private final Consumer<byte[]> then;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        BodyCollector(ResteasyReactiveContainerRequestContext context, Consumer<byte[]> then) {
            this.context = context;
            this.then = then;
        }

        @Override
        public void data(ByteBuffer data) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            body.writeBytes(chunk);
        }

        @Override
        public void done() {
            try {
                then.accept(body.toByteArray());
            } catch (Throwable failure) {
                context.resume(failure);
            }
        }
    }
}
