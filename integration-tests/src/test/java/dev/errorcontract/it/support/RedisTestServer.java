package dev.errorcontract.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.RedisServer;

/**
 * A real Redis server for the tests: the {@code redis-server} binary shipped inside the
 * {@code com.github.codemonstur:embedded-redis} Maven artifact, on a free port of 127.0.0.1. Use it as a test resource
 * ({@code @QuarkusTestResource(RedisTestServer.class)}) or directly, to stop and restart Redis in the middle of a test.
 */
public class RedisTestServer implements QuarkusTestResourceLifecycleManager {

    private static volatile RedisTestServer current;

    private final int port;
    private RedisServer server;

    public RedisTestServer() {
        this(freePort());
    }

    public RedisTestServer(int port) {
        this.port = port;
    }

    /** The server started by the running test resource. */
    public static RedisTestServer current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        startServer();
        current = this;
        return Map.of("quarkus.redis.hosts", url());
    }

    @Override
    public void stop() {
        stopServer();
        current = null;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized void startServer() {
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").onShutdownForceStop(true).build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start redis-server on port " + port, e);
        }
    }

    public synchronized void stopServer() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
