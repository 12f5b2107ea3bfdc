package dev.errorcontract.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Redis Cluster of 3 masters (no replicas) on free ports of 127.0.0.1, made of Debian's {@code redis-server}
 * and {@code redis-cli --cluster create} (Redis 7; {@code apt-get install redis-server}, as {@code .ci/run} does).
 * The embedded-redis artifact has no {@code redis-cli}, so it cannot build a cluster.
 */
public class RedisTestCluster implements QuarkusTestResourceLifecycleManager {

    private static final String SERVER = "/usr/bin/redis-server";
    private static final String CLI = "/usr/bin/redis-cli";
    private static volatile RedisTestCluster current;

    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> masters = new ArrayList<>();
    private Path directory;

    /** The cluster started by the running test resource. */
    public static RedisTestCluster current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        if (!Files.isExecutable(Path.of(SERVER)) || !Files.isExecutable(Path.of(CLI))) {
            throw new IllegalStateException("The Redis Cluster tests need Debian's redis-server and redis-cli 7: "
                    + "apt-get install redis-server (see .ci/run)");
        }
        try {
            directory = Files.createTempDirectory("redis-cluster-");
            for (int i = 0; i < 3; i++) {
                int port = freePortWithFreeBusPort();
                ports.add(port);
                masters.add(new ProcessBuilder(SERVER, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                        "--dir", directory.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no")
                        .redirectErrorStream(true).redirectOutput(directory.resolve("redis-" + port + ".log").toFile())
                        .start());
            }
            for (int port : ports) {
                awaitAnswer(port, "PING", "PONG");
            }
            List<String> create = new ArrayList<>(List.of(CLI, "--cluster", "create"));
            ports.forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            String output = run(create);
            if (!output.contains("[OK] All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
            }
            for (int port : ports) {
                awaitAnswer(port, "CLUSTER INFO", "cluster_state:ok");
            }
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        }
        current = this;
        return Map.of("quarkus.redis.hosts", hosts(), "quarkus.redis.client-type", "cluster");
    }

    @Override
    public void stop() {
        for (Process master : masters) {
            master.destroy();
        }
        for (Process master : masters) {
            try {
                if (!master.waitFor(10, TimeUnit.SECONDS)) {
                    master.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                master.destroyForcibly();
            }
        }
        masters.clear();
        current = null;
        if (directory != null) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }

    /** The masters, as {@code quarkus.redis.hosts} takes them. */
    public String hosts() {
        return ports.stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** Runs one command on one master with {@code redis-cli} (no redirects followed) and returns its output. */
    public String command(int port, String... command) {
        List<String> line = new ArrayList<>(List.of(CLI, "-h", "127.0.0.1", "-p", Integer.toString(port)));
        line.addAll(List.of(command));
        return run(line).strip();
    }

    /** How many keys each master holds. */
    public List<Long> keysPerMaster() {
        return ports.stream().map(port -> Long.parseLong(command(port, "DBSIZE"))).toList();
    }

    private void awaitAnswer(int port, String command, String expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String answer = "";
        while (System.nanoTime() < deadline) {
            answer = command(port, command.split(" "));
            if (answer.contains(expected)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Redis on port " + port + " answered '" + answer + "' to " + command);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A free port whose cluster bus port (port + 10000) is free too. */
    private static int freePortWithFreeBusPort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = RedisTestServer.freePort();
            if (port + 10000 < 65536 && isFree(port + 10000)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port with a free cluster bus port");
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
