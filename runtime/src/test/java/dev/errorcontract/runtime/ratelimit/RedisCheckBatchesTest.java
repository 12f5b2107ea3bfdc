package dev.errorcontract.runtime.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.bucket4j.Bandwidth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import redis.embedded.RedisServer;

/**
 * The batches of one event loop against a real Redis server: what goes out in one write, what a lost script does to a
 * batch, and what is never sent.
 */
class RedisCheckBatchesTest {

    private static final Bandwidth[] TEN_A_MINUTE = {
            Bandwidth.builder().capacity(10).refillIntervally(10, Duration.ofMinutes(1)).build() };

    private static RedisServer server;
    private static Vertx vertx;
    private static Redis client;

    private Context loop;
    private CountingConnection connection;

    @BeforeAll
    static void startRedis() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").onShutdownForceStop(true).build();
        server.start();
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, "redis://127.0.0.1:" + port);
    }

    @AfterAll
    static void stopRedis() throws IOException {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        server.stop();
    }

    @BeforeEach
    void connect() throws Exception {
        loop = vertx.getOrCreateContext();
        connection = new CountingConnection(onLoop(() -> client.connect()).get(10, TimeUnit.SECONDS));
        text(Request.cmd(Command.FLUSHALL));
        text(Request.cmd(Command.SCRIPT).arg("LOAD").arg(RedisRateLimitStore.SCRIPT)); // no NOSCRIPT unless a test asks
    }

    @Test
    void checksThatArriveWhileOneIsInFlightGoOutTogether() throws Exception {
        RedisCheckBatches batches = new RedisCheckBatches(() -> Future.succeededFuture(connection), 2048);
        List<Response> answers = onLoop(() -> all(batches, check("a", 0), check("b", 0), check("c", 0), check("d", 0)))
                .get(10, TimeUnit.SECONDS);

        assertEquals(1, connection.sends.get(), "the first check went out alone");
        assertEquals(List.of(3), connection.batchSizes, "the three that waited went out in one write");
        for (Response answer : answers) {
            assertEquals(1, answer.get(0).toInteger(), "allowed: " + answer);
            assertEquals("9", answer.get(2).toString(), "one permit taken: " + answer);
        }
    }

    /** A lost script (restart, SCRIPT FLUSH) fails every check of a batch: none ran, all are sent again with it. */
    @Test
    void aBatchThatFoundNoScriptIsSentAgainWithTheScript() throws Exception {
        RedisCheckBatches batches = new RedisCheckBatches(() -> Future.succeededFuture(connection), 2048);
        RedisCheckBatches.Check flush = new RedisCheckBatches.Check(Request.cmd(Command.SCRIPT).arg("FLUSH"),
                () -> Request.cmd(Command.PING), deadline(), Promise.promise());
        List<Response> answers = onLoop(() -> all(batches, flush, check("a", 0), check("b", 0), check("c", 0)))
                .get(10, TimeUnit.SECONDS);

        assertEquals(List.of(3, 3), connection.batchSizes, "the batch, then the same checks with the script");
        for (Response answer : answers.subList(1, 4)) {
            assertEquals("9", answer.get(2).toString(), "one permit taken, not two: " + answer);
        }
        for (String key : List.of("a", "b", "c")) {
            assertEquals("9", text(Request.cmd(Command.HGET).arg(key).arg("t1")), key);
        }
    }

    /** The script lost in the middle of a batch: the checks before it ran, so nothing is sent again. */
    @Test
    void aBatchThatRanInPartBeforeTheScriptWasLostIsNotSentAgain() throws Exception {
        RedisCheckBatches batches = new RedisCheckBatches(() -> Future.succeededFuture(connection), 2048);
        RedisCheckBatches.Check flush = new RedisCheckBatches.Check(Request.cmd(Command.SCRIPT).arg("FLUSH"),
                () -> Request.cmd(Command.PING), deadline(), Promise.promise());
        List<Future<Response>> answers = onLoop(() -> {
            List<Future<Response>> sent = new ArrayList<>();
            for (RedisCheckBatches.Check check : List.of(check("first", 0), check("ran", 0), flush, check("not-run", 0))) {
                sent.add(batches.send(check));
            }
            return Future.join(sent).otherwise(failed -> null).map(joined -> sent);
        }).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(3), connection.batchSizes, "not sent again");
        for (Future<Response> answer : answers.subList(1, 4)) {
            assertTrue(answer.failed() && answer.cause().getMessage().contains("NOSCRIPT"), String.valueOf(answer));
        }
        assertEquals("9", text(Request.cmd(Command.HGET).arg("ran").arg("t1")), "the check that ran took one permit");
        assertEquals("0", text(Request.cmd(Command.EXISTS).arg("not-run")));
    }

    /** One check that fails (here a key of another type) fails its batch: the others' answers are lost with it. */
    @Test
    void anyOtherErrorFailsEveryCheckOfTheBatch() throws Exception {
        text(Request.cmd(Command.SET).arg("wrong").arg("x"));
        RedisCheckBatches batches = new RedisCheckBatches(() -> Future.succeededFuture(connection), 2048);
        List<Future<Response>> answers = onLoop(() -> {
            List<Future<Response>> sent = new ArrayList<>();
            for (RedisCheckBatches.Check check : List.of(check("first", 0), check("a", 0), check("wrong", 0),
                    check("b", 0))) {
                sent.add(batches.send(check));
            }
            return Future.join(sent).otherwise(failed -> null).map(joined -> sent);
        }).get(10, TimeUnit.SECONDS);

        assertTrue(answers.get(0).succeeded(), "the first went out alone and is not part of the batch");
        for (Future<Response> answer : answers.subList(1, 4)) {
            assertTrue(answer.failed() && answer.cause().getMessage().contains("WRONGTYPE"), String.valueOf(answer));
        }
    }

    @Test
    void aCheckPastItsDeadlineIsNeverSent() throws Exception {
        RedisCheckBatches batches = new RedisCheckBatches(() -> Future.succeededFuture(connection), 2048);
        List<Future<Response>> answers = onLoop(() -> {
            List<Future<Response>> sent = List.of(batches.send(check("first", 0)),
                    batches.send(check("late", -1)), batches.send(check("on-time", 0)));
            return Future.join(sent).otherwise(failed -> null).map(joined -> sent);
        }).get(10, TimeUnit.SECONDS);

        assertInstanceOf(RateLimiter.StoreTimeoutException.class, answers.get(1).cause());
        assertTrue(answers.get(2).succeeded());
        assertEquals(2, connection.sends.get(), "the first, then the on-time one alone");
        assertEquals(List.of(), connection.batchSizes);
        assertEquals("0", text(Request.cmd(Command.EXISTS).arg("late")), "the late check took no permit");
    }

    @Test
    void beyondTheWaitingLimitACheckFailsAtOnce() throws Exception {
        RedisCheckBatches batches = new RedisCheckBatches(() -> Future.succeededFuture(connection), 2);
        List<Future<Response>> answers = onLoop(() -> {
            List<Future<Response>> sent = new ArrayList<>();
            for (String key : List.of("in-flight", "waits-1", "waits-2", "one-too-many")) {
                sent.add(batches.send(check(key, 0)));
            }
            return Future.succeededFuture(sent);
        }).get(10, TimeUnit.SECONDS);

        assertTrue(answers.get(3).failed(), "refused at once");
        assertTrue(answers.get(3).cause().getMessage().contains("2 rate-limit checks wait"),
                answers.get(3).cause().getMessage());
        onLoop(() -> Future.join(answers.subList(0, 3))).get(10, TimeUnit.SECONDS);
        assertEquals("0", text(Request.cmd(Command.EXISTS).arg("one-too-many")));
    }

    /** A check of one caller's bucket; {@code deadlineSeconds} from now (negative: already past). */
    private static RedisCheckBatches.Check check(String key, int deadlineSeconds) {
        return new RedisCheckBatches.Check(
                RedisRateLimitStore.check(Command.EVALSHA, RedisRateLimitStore.SCRIPT_SHA, key, TEN_A_MINUTE),
                () -> RedisRateLimitStore.check(Command.EVAL, RedisRateLimitStore.SCRIPT, key, TEN_A_MINUTE),
                deadlineSeconds == 0 ? deadline() : System.nanoTime() + deadlineSeconds * 1_000_000_000L,
                Promise.promise());
    }

    private static long deadline() {
        return System.nanoTime() + 10_000_000_000L;
    }

    /** Sends the checks in one turn of the event loop, as concurrent requests would, and waits for every answer. */
    private static Future<List<Response>> all(RedisCheckBatches batches, RedisCheckBatches.Check... checks) {
        List<Future<Response>> sent = new ArrayList<>();
        for (RedisCheckBatches.Check check : checks) {
            sent.add(batches.send(check));
        }
        return Future.all(sent).map(done -> sent.stream().map(Future::result).toList());
    }

    /** A command of the test itself, not counted. */
    private String text(Request request) throws Exception {
        return onLoop(() -> connection.delegate.send(request)).get(10, TimeUnit.SECONDS).toString();
    }

    /** Runs on the test's event loop, where the batches and the connection live. */
    private <T> CompletableFuture<T> onLoop(Supplier<Future<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(ignored -> work.get().onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else {
                result.completeExceptionally(done.cause());
            }
        }));
        return result;
    }

    /** The real connection, counting what goes out one by one and what in batches. */
    private static final class CountingConnection implements RedisConnection {
        final RedisConnection delegate;
        final AtomicInteger sends = new AtomicInteger();
        final List<Integer> batchSizes = new ArrayList<>();

        CountingConnection(RedisConnection delegate) {
            this.delegate = delegate;
        }

        @Override
        public Future<Response> send(Request command) {
            sends.incrementAndGet();
            return delegate.send(command);
        }

        @Override
        public Future<List<Response>> batch(List<Request> commands) {
            batchSizes.add(commands.size());
            return delegate.batch(commands);
        }

        @Override
        public RedisConnection exceptionHandler(Handler<Throwable> handler) {
            delegate.exceptionHandler(handler);
            return this;
        }

        @Override
        public RedisConnection handler(Handler<Response> handler) {
            delegate.handler(handler);
            return this;
        }

        @Override
        public RedisConnection pause() {
            delegate.pause();
            return this;
        }

        @Override
        public RedisConnection resume() {
            delegate.resume();
            return this;
        }

        @Override
        public RedisConnection fetch(long amount) {
            delegate.fetch(amount);
            return this;
        }

        @Override
        public RedisConnection endHandler(Handler<Void> endHandler) {
            delegate.endHandler(endHandler);
            return this;
        }

        @Override
        public Future<Void> close() {
            return delegate.close();
        }

        @Override
        public boolean pendingQueueFull() {
            return delegate.pendingQueueFull();
        }
    }
}
