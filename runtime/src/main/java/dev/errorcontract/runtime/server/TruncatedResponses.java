package dev.errorcontract.runtime.server;

import java.nio.channels.ClosedChannelException;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * Cuts a response that failed after part of it was sent, so that the client sees it truncated: what was written
 * before the failure still goes out, then the connection closes, and no final chunk (nor anything else) follows.
 * <p>
 * Closing is not enough by itself. A close that enters the Netty pipeline at its tail ({@code Channel.close()},
 * Vert.x's {@code connection().close()}, {@code response.reset()}) reaches Vert.x's handler, which closes after an
 * empty write; when Quarkus REST has meanwhile queued the end of the response from a worker thread (it ends it right
 * after the exception mappers return), that empty write is queued behind it, so the final chunk goes out first and
 * the download reads as complete. A close from the head of the pipeline instead drops what Vert.x wrote but did not
 * flush yet (the head of the response, sometimes). So, on the connection's event loop: a handler next to the head
 * drops every later write and holds every later close, what was written is flushed, and the connection is closed
 * once it is on the wire.
 */
final class TruncatedResponses {

    static final String HANDLER = "error-contract-truncate";

    private TruncatedResponses() {
    }

    static void abort(RoutingContext context) {
        if (context == null) {
            return;
        }
        HttpServerRequest request = context.request();
        if (request.version() == HttpVersion.HTTP_2) {
            context.response().reset(); // only this stream: RST_STREAM, the connection's other streams go on
            return;
        }
        HttpConnection connection = request.connection();
        if (!(connection instanceof ConnectionBase base)) {
            connection.close();
            return;
        }
        Channel channel = base.channel();
        if (channel.eventLoop().inEventLoop()) {
            cut(channel);
        } else {
            // queued now, so before the end of the response that Quarkus REST writes from this thread afterwards
            channel.eventLoop().execute(() -> cut(channel));
        }
    }

    private static void cut(Channel channel) {
        if (!channel.isOpen() || channel.pipeline().get(HANDLER) != null) {
            return;
        }
        Cut cut = new Cut();
        channel.pipeline().addFirst(HANDLER, cut);
        cut.sendWrittenThenClose();
    }

    /** Next to the head of the pipeline: what the handlers behind it send after the cut never reaches the wire. */
    private static final class Cut extends ChannelOutboundHandlerAdapter {

        private ChannelHandlerContext context;
        private ChannelFuture written;

        @Override
        public void handlerAdded(ChannelHandlerContext context) {
            this.context = context;
        }

        void sendWrittenThenClose() {
            // an empty write from here goes to the head, behind everything written before: when it is done, so are they
            written = context.writeAndFlush(Unpooled.EMPTY_BUFFER);
            written.addListener(done -> context.close());
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            ReferenceCountUtil.release(message);
            promise.tryFailure(new ClosedChannelException());
        }

        @Override
        public void flush(ChannelHandlerContext context) {
            // nothing of the handlers behind is let through
        }

        @Override
        public void close(ChannelHandlerContext context, ChannelPromise promise) {
            written.addListener(done -> context.close(promise));
        }
    }
}
