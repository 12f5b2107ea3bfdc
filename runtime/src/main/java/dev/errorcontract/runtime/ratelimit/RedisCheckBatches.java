package dev.errorcontract.runtime.ratelimit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The rate-limit checks of one event loop on its Redis connection, with one write in flight at a time. A check that
 * arrives while none is in flight is sent at once; checks that arrive meanwhile wait, and go out together in one
 * write (a pipelined batch) when the answer arrives. On a busy loop one system call then carries many checks instead
 * of one each: the {@code write} was the largest cost of a check on the event loop. A check that waits adds at most
 * one round trip to its latency; Redis runs commands one after another, so it would have queued behind the same
 * commands inside Redis anyway.
 * <p>
 * A check that passed its deadline while it waited is not sent: its request was answered as a store timeout, and a
 * check never sent takes no permit. At most {@code maxWaiting} checks wait; beyond that a check fails at once rather
 * than queue without bound behind a Redis that hangs.
 * <p>
 * Used on its event loop only (the checks start there and the connection answers there), so it needs no locking.
 */
final class RedisCheckBatches {

    /** One check: its {@code EVALSHA}, the {@code EVAL} that replaces it when Redis lost the script, its answer. */
    record Check(Request evalSha, Supplier<Request> eval, long deadlineNanos, Promise<Response> reply) {
    }

    private final Supplier<Future<RedisConnection>> connection;
    private final int maxBatch;
    private final int maxWaiting;
    private final ArrayDeque<Check> waiting = new ArrayDeque<>();
    private boolean inFlight;

    /**
     * @param maxWaiting the client's {@code max-waiting-handlers}: the most checks that wait here, and (with at most
     *        {@value #MAX_BATCH}) the most in one batch, which the client's own queue of answers must hold
     */
    RedisCheckBatches(Supplier<Future<RedisConnection>> connection, int maxWaiting) {
        this.connection = connection;
        this.maxWaiting = Math.max(1, maxWaiting);
        this.maxBatch = Math.min(MAX_BATCH, this.maxWaiting);
    }

    static final int MAX_BATCH = 256;

    Future<Response> send(Check check) {
        if (waiting.size() >= maxWaiting) {
            return Future.failedFuture(new IllegalStateException(
                    waiting.size() + " rate-limit checks wait for Redis on this event loop, none more is queued"));
        }
        waiting.add(check);
        if (!inFlight) {
            sendWaiting();
        }
        return check.reply().future();
    }

    private void sendWaiting() {
        List<Check> batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
        long now = System.nanoTime();
        while (!waiting.isEmpty() && batch.size() < maxBatch) {
            Check check = waiting.poll();
            if (now - check.deadlineNanos() < 0) {
                batch.add(check);
            } else {
                check.reply().tryFail(new RateLimiter.StoreTimeoutException());
            }
        }
        if (batch.isEmpty()) {
            inFlight = false;
            return;
        }
        inFlight = true;
        connection.get().compose(opened -> batch.size() == 1 ? sendOne(opened, batch.get(0)) : sendAll(opened, batch))
                .onComplete(answers -> {
                    for (int i = 0; i < batch.size(); i++) {
                        if (answers.succeeded()) {
                            batch.get(i).reply().tryComplete(answers.result().get(i));
                        } else {
                            batch.get(i).reply().tryFail(answers.cause());
                        }
                    }
                    sendWaiting();
                });
    }

    private static Future<List<Response>> sendOne(RedisConnection connection, Check check) {
        // the script is sent once per Redis server; after a restart (or SCRIPT FLUSH) NOSCRIPT asks for it again
        return connection.send(check.evalSha())
                .recover(failure -> isNoScript(failure.getMessage())
                        ? connection.send(check.eval().get())
                        : Future.failedFuture(failure))
                .map(List::of);
    }

    /**
     * A batch answers as a whole: one error fails it all, and the answers of the others are lost. Only when every
     * check in it answered NOSCRIPT did none of them run, and sending them again with the script is exact; any other
     * failure fails every check of the batch (those that ran took a permit: the error is on the safe side).
     */
    private static Future<List<Response>> sendAll(RedisConnection connection, List<Check> batch) {
        List<Request> requests = new ArrayList<>(batch.size());
        batch.forEach(check -> requests.add(check.evalSha()));
        return connection.batch(requests).recover(failure -> {
            if (!everyOneNoScript(failure.getMessage(), batch.size())) {
                return Future.failedFuture(failure);
            }
            List<Request> evals = new ArrayList<>(batch.size());
            batch.forEach(check -> evals.add(check.eval().get()));
            return connection.batch(evals);
        });
    }

    private static boolean isNoScript(String message) {
        return message != null && message.startsWith("NOSCRIPT");
    }

    /** The client reports a failed batch as one line {@code ERR [index] <error>} per command that failed. */
    static boolean everyOneNoScript(String message, int size) {
        if (message == null) {
            return false;
        }
        String[] lines = message.split("\\R");
        if (lines.length != size) {
            return false;
        }
        for (String line : lines) {
            int end = line.indexOf("] ");
            if (!line.startsWith("ERR [") || end < 0 || !isNoScript(line.substring(end + 2))) {
                return false;
            }
        }
        return true;
    }
}
