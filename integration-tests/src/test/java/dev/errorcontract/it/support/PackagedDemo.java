package dev.errorcontract.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One more instance of the packaged demo ({@code target/quarkus-app/quarkus-run.jar}) on 127.0.0.1, for tests that
 * need several instances sharing one store. Use from {@code @QuarkusIntegrationTest}s, which run after packaging.
 */
public final class PackagedDemo implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedDemo(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts an instance with the given configuration overrides and waits until it answers HTTP. */
    public static PackagedDemo start(Map<String, String> config) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Package the demo first: " + jar + " is missing");
        }
        int port = RedisTestServer.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Path log = Files.createTempFile("demo-" + port + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PackagedDemo demo = new PackagedDemo(process, port, log);
            demo.awaitReady(Duration.ofSeconds(60));
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** What the instance logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The demo instance exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                client.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/instance-ready-probe")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("The demo instance did not answer within " + timeout + ":\n" + log());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        File file = log.toFile();
        file.deleteOnExit();
    }
}
