package dev.errorcontract.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
        // standalone said explicitly: a packaged application launched after a Redis Cluster test must not keep its type
        return Map.of("quarkus.redis.hosts", url(), "quarkus.redis.client-type", "standalone");
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

    /** Sends one command (inline, words without spaces) and returns the first line of the answer, e.g. {@code :3}. */
    public String command(String command) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder line = new StringBuilder();
            for (int c = socket.getInputStream().read(); c != '\r' && c != -1; c = socket.getInputStream().read()) {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times the server ran a command since it started ({@code INFO commandstats}), e.g. {@code evalsha}. */
    public long calls(String command) {
        for (String line : text("INFO commandstats").split("\r\n")) {
            if (line.startsWith("cmdstat_" + command.toLowerCase() + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    /** The answer of a command that answers a bulk string, such as {@code INFO} or {@code CLIENT LIST}. */
    public String text(String command) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            int length = Integer.parseInt(reader.readLine().substring(1)); // a bulk string: $<length>
            char[] body = new char[length];
            for (int read = 0; read < length;) {
                read += reader.read(body, read, length - read);
            }
            return new String(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many keys the server holds. */
    public long keyCount() {
        return Long.parseLong(command("DBSIZE").substring(1));
    }

    /**
     * Makes the server busy for {@code seconds} ({@code DEBUG SLEEP}: it accepts connections and commands but answers
     * none meanwhile), as a long script or a stalled failover would. Closing waits until it answers again.
     */
    public Sleep sleep(int seconds) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((seconds + 30) * 1000);
            socket.getOutputStream().write(("DEBUG SLEEP " + seconds + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new Sleep(socket, System.nanoTime() + seconds * 1_000_000_000L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@link #sleep} under way. */
    public static final class Sleep implements AutoCloseable {
        private final Socket socket;
        private final long endNanos;

        Sleep(Socket socket, long endNanos) {
            this.socket = socket;
            this.endNanos = endNanos;
        }

        /** Whether the sleep is still under way (by the clock: it cannot be asked). */
        public boolean isSleeping() {
            return System.nanoTime() < endNanos;
        }

        @Override
        public void close() {
            try (socket) {
                String reply = new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
                if (!reply.equals("+OK\r\n")) {
                    throw new IllegalStateException("DEBUG SLEEP answered " + reply);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
