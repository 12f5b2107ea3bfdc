package dev.errorcontract.runtime.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.errorcontract.runtime.config.RateLimitConfig;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Response;

/**
 * Buckets in Redis, shared by every instance ({@link RedisBucketScript}: all limits of a bucket at once, on Redis's
 * clock, so the limit holds exactly across instances). Calls are non-blocking.
 * <p>
 * The checks go over one connection, held (not borrowed from the pool per check) and pipelined. On an event loop, the
 * checks of the requests it reads in one turn are sent as one script call when the turn ends: one write, one answer
 * and one script run for all of them, in the order they came. With Redis Cluster every check is a call of its own,
 * since one call's keys must be in one slot. A connection that fails or closes is dropped; the next check opens a new
 * one.
 * <p>
 * A caller refused until T is refused here until T without asking Redis again: a refused request takes nothing, so
 * the bucket only refills, and no instance can find a permit for that caller before T. The deadline is counted from
 * when the check was sent (before Redis's clock read it) and rounded down to the millisecond, so it ends at T or a
 * little earlier, never later: the answers are the ones Redis would give. Refusals are kept for at most
 * {@value #MAX_REMEMBERED_REFUSALS} callers at once; beyond that the next ones simply ask Redis.
 */
@Singleton
public class RedisRateLimitStore {

    static final int MAX_REMEMBERED_REFUSALS = 10_000;
    /** At most this many checks in one script call: the script blocks Redis while it runs. */
    static final int MAX_CHECKS_PER_CALL = 64;

    /** A caller refused until {@code untilNanos} (System.nanoTime), by the limit {@code binding}. */
    private record Refusal(long untilNanos, int binding) {
    }

    /** A check waiting for its event loop's turn to end. */
    private record Pending(RedisBucketScript.Check check, long sentNanos, UniEmitter<? super RateLimitDecision> emitter) {
    }

    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    /** The checks of the current turn of this event loop thread; empty between turns. */
    private final ThreadLocal<List<Pending>> turn = ThreadLocal.withInitial(ArrayList::new);

    private final Redis redis;
    private final String keyPrefix;
    private final boolean oneCheckPerCall;
    /** The one connection the checks are pipelined on; {@code null} until the first check, or after it failed. */
    private final AtomicReference<Future<RedisConnection>> connection = new AtomicReference<>();

    RedisRateLimitStore(RateLimitConfig config, @Any Instance<Redis> clients) {
        this.redis = config.redis().clientName()
                .map(name -> clients.select(RedisClientName.Literal.of(name)).get())
                .orElseGet(() -> clients.select(Default.Literal.INSTANCE).get());
        this.keyPrefix = config.redis().keyPrefix();
        RedisClientConfig client = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(RedisConfig.class).clients()
                .get(config.redis().clientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME));
        this.oneCheckPerCall = client != null && client.clientType() == RedisClientType.CLUSTER;
    }

    /** The refusal of a caller that is still refused, as Redis would answer it now, or {@code null}. */
    RateLimitDecision knownRefusal(BucketDefinition bucket, String identity) {
        if (refusals.isEmpty()) {
            return null;
        }
        String key = key(bucket, identity);
        Refusal refusal = refusals.get(key);
        if (refusal == null) {
            return null;
        }
        long wait = refusal.untilNanos() - System.nanoTime();
        if (wait <= 0) {
            refusals.remove(key, refusal);
            return null;
        }
        return RateLimitDecision.of(false, bucket, refusal.binding(),
                bucket.configuration().getBandwidths()[refusal.binding()].getCapacity(), 0, wait);
    }

    Uni<RateLimitDecision> tryConsume(BucketDefinition bucket, String identity) {
        RedisBucketScript.Check check = new RedisBucketScript.Check(bucket, key(bucket, identity));
        return Uni.createFrom().emitter(emitter -> {
            Pending pending = new Pending(check, System.nanoTime(), emitter);
            Context context = Vertx.currentContext();
            if (oneCheckPerCall || context == null || !Context.isOnEventLoopThread()) {
                send(List.of(pending));
                return;
            }
            List<Pending> checks = turn.get();
            checks.add(pending);
            if (checks.size() == 1) {
                context.runOnContext(ended -> sendTurn());
            } else if (checks.size() == MAX_CHECKS_PER_CALL) {
                sendTurn();
            }
        });
    }

    private void sendTurn() {
        List<Pending> checks = turn.get();
        if (!checks.isEmpty()) {
            send(List.copyOf(checks));
            checks.clear();
        }
    }

    private void send(List<Pending> pending) {
        List<RedisBucketScript.Check> checks = pending.stream().map(Pending::check).toList();
        connection()
                .compose(connection -> connection.send(RedisBucketScript.call(true, checks))
                        // the script is sent once per Redis server; after a restart NOSCRIPT asks for it again (a
                        // NOSCRIPT call ran nothing, so sending it again with the text counts nothing twice)
                        .recover(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT")
                                ? connection.send(RedisBucketScript.call(false, checks))
                                : Future.failedFuture(failure)))
                .onComplete(answer -> {
                    for (int i = 0; i < pending.size(); i++) {
                        Pending check = pending.get(i);
                        if (answer.failed()) {
                            check.emitter().fail(answer.cause());
                            continue;
                        }
                        Response result = answer.result().get(i);
                        RedisBucketScript.Outcome outcome = RedisBucketScript.outcome(check.check().bucket(), result);
                        if (!outcome.decision().allowed()) {
                            remember(check.check().key(), check.sentNanos(), outcome);
                        }
                        check.emitter().complete(outcome.decision());
                    }
                });
    }

    /** The connection the checks are pipelined on, opened on first use and again after it failed or closed. */
    private Future<RedisConnection> connection() {
        Future<RedisConnection> current = connection.get();
        if (current != null && !current.failed()) {
            return current;
        }
        Promise<RedisConnection> opening = Promise.promise();
        if (!connection.compareAndSet(current, opening.future())) {
            return connection();
        }
        redis.connect().onComplete(result -> {
            if (result.succeeded()) {
                RedisConnection opened = result.result();
                Future<RedisConnection> mine = opening.future();
                opened.exceptionHandler(failure -> {
                    connection.compareAndSet(mine, null);
                    opened.close();
                });
                opened.endHandler(ended -> connection.compareAndSet(mine, null));
                opening.complete(opened);
            } else {
                connection.compareAndSet(opening.future(), null);
                opening.fail(result.cause());
            }
        });
        return opening.future();
    }

    private String key(BucketDefinition bucket, String identity) {
        return keyPrefix + bucket.name() + ":" + identity;
    }

    private void remember(String key, long sentNanos, RedisBucketScript.Outcome refused) {
        long waitMillis = refused.nextPermitMillis() - 1; // rounded up to the millisecond: one less, never past T
        if (waitMillis <= 0) {
            return;
        }
        if (refusals.size() >= MAX_REMEMBERED_REFUSALS) {
            long now = System.nanoTime();
            refusals.values().removeIf(refusal -> refusal.untilNanos() - now <= 0);
            if (refusals.size() >= MAX_REMEMBERED_REFUSALS) {
                return;
            }
        }
        refusals.put(key, new Refusal(sentNanos + waitMillis * 1_000_000, refused.decision().policy()));
    }
}
