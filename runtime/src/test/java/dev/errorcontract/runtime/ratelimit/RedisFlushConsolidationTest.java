package dev.errorcontract.runtime.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import redis.embedded.RedisServer;

/**
 * Against a real Redis: the commands an event loop sends on a consolidated connection during one turn reach Redis in
 * one write, so Redis reads them at once; each keeps its own answer, in order.
 */
class RedisFlushConsolidationTest {

    private static final int COMMANDS = 200;

    private static RedisServer server;
    private static int port;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").onShutdownForceStop(true).build();
        server.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws IOException {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        server.stop();
    }

    @Test
    void commandsOfOneTurnAreOneWriteAndKeepTheirOwnAnswers() throws Exception {
        Context loop = vertx.getOrCreateContext();
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + port));
        RedisConnection connection = on(loop, () -> client.connect()).get(10, TimeUnit.SECONDS);
        assertNull(on(loop, () -> Future.succeededFuture(RedisFlushConsolidation.install(connection)))
                .get(10, TimeUnit.SECONDS), "installed");
        assertNull(on(loop, () -> Future.succeededFuture(RedisFlushConsolidation.install(connection)))
                .get(10, TimeUnit.SECONDS), "installing twice changes nothing");

        long readsBefore = reads(connection, loop);
        List<Response> answers = on(loop, () -> {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                sent.add(connection.send(Request.cmd(Command.INCRBY).arg("consolidated").arg(i + 1)));
            }
            return Future.all(sent).map(all -> sent.stream().map(Future::result).toList());
        }).get(10, TimeUnit.SECONDS);
        long reads = reads(connection, loop) - readsBefore - 1; // the second INFO is a read too

        for (int i = 0; i < COMMANDS; i++) {
            assertEquals((long) (i + 1) * (i + 2) / 2, answers.get(i).toLong(), "the answer of command " + i);
        }
        // 200 commands of about 45 bytes; one write, which Redis reads at once
        assertTrue(reads <= 2, COMMANDS + " commands sent in one turn took " + reads + " reads of Redis");
        client.close();
    }

    private static long reads(RedisConnection connection, Context loop) throws Exception {
        String stats = on(loop, () -> connection.send(Request.cmd(Command.INFO).arg("stats"))).get(10, TimeUnit.SECONDS)
                .toString();
        return stats.lines().filter(line -> line.startsWith("total_reads_processed:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).findFirst()
                .orElseThrow();
    }

    /** Runs {@code action} in one task of the event loop and gives its future's result. */
    private static <T> CompletableFuture<T> on(Context loop, Supplier<Future<T>> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(ignored -> action.get().onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else {
                result.completeExceptionally(done.cause());
            }
        }));
        return result;
    }
}
