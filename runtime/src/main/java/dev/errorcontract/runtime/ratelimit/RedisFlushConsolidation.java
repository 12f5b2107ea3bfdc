package dev.errorcontract.runtime.ratelimit;

import java.lang.reflect.Field;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.net.impl.NetSocketInternal;
import io.vertx.redis.client.RedisConnection;

/**
 * Lets the checks an event loop sends on its Redis connection during one turn of the loop go out in one write system
 * call instead of one each: Netty's {@link FlushConsolidationHandler} in the connection's channel, before the Vert.x
 * handler, defers each flush to the end of the turn. Every check stays its own command with its own answer; only when
 * the bytes leave changes (the guide's benchmarks page has what it saves).
 * <p>
 * The Vert.x Redis client has no public way to its channel: it is reached through two private fields of the
 * standalone connection ({@code PooledRedisConnection.connection}, {@code RedisStandaloneConnection.netSocket}; registered
 * for reflection in native mode). A version of the client without them leaves the checks written one by one, which is
 * slower and just as exact: the store then logs a warning once.
 */
public final class RedisFlushConsolidation {

    static final String HANDLER_NAME = "error-contract-flush-consolidation";
    public static final String POOLED_CONNECTION = "io.vertx.redis.client.impl.PooledRedisConnection";
    public static final String STANDALONE_CONNECTION = "io.vertx.redis.client.impl.RedisStandaloneConnection";

    private RedisFlushConsolidation() {
    }

    /**
     * Installs the consolidation in a connection to one Redis server, on the event loop the connection belongs to.
     *
     * @return why it could not, or {@code null} when it did
     */
    static String install(RedisConnection connection) {
        try {
            Object standalone = field(connection, POOLED_CONNECTION, "connection");
            Object socket = field(standalone, STANDALONE_CONNECTION, "netSocket");
            if (!(socket instanceof NetSocketInternal vertxSocket)) {
                return "its socket is a " + className(socket) + ", not a Vert.x NetSocketInternal";
            }
            ChannelHandlerContext vertxHandler = vertxSocket.channelHandlerContext();
            if (vertxHandler.pipeline().get(HANDLER_NAME) == null) {
                // before the Vert.x handler: after TLS, so that one turn's checks are also one TLS record
                vertxHandler.pipeline().addBefore(vertxHandler.name(), HANDLER_NAME, new FlushConsolidationHandler(
                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
            }
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return e.toString();
        }
    }

    private static Object field(Object owner, String ownerClass, String name) throws ReflectiveOperationException {
        if (!className(owner).equals(ownerClass)) {
            throw new NoSuchFieldException("a " + className(owner) + " where a " + ownerClass + " was expected");
        }
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    private static String className(Object object) {
        return object == null ? "null" : object.getClass().getName();
    }
}
