package dev.errorcontract.runtime.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.errorcontract.runtime.config.RateLimitConfig;
import io.github.bucket4j.Bandwidth;
import io.netty.channel.EventLoop;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Buckets in Redis, shared by every instance. One Lua script checks and takes a permit from all the limits of a
 * bucket at once (all or nothing, as Bucket4j does in memory), on Redis's clock, so the limit holds exactly across
 * instances. Calls are non-blocking.
 * <p>
 * Each event loop keeps one connection of its own and pipelines the checks of its requests on it: no connection is
 * borrowed from a pool per check, and the answer arrives on the loop that serves the request, with no hop to another
 * thread and back. To a single Redis server, the checks a loop sends during one turn leave in one write
 * ({@link RedisFlushConsolidation}). The connections come from clients made with the options of the application's
 * Quarkus Redis client (as its {@link RedisOptionsCustomizer}s left them), one client per event loop, since a Vert.x
 * Redis client opens all its connections on the event loop it was made on. A check that starts off an event loop uses
 * one connection of the application's client. A connection that fails or closes is dropped; the next check opens a
 * new one.
 * <p>
 * A caller refused until T is refused here until T without asking Redis again: a refused request takes nothing, so
 * the bucket only refills, and no instance can find a permit for that caller before T. The deadline is counted from
 * when the check was sent (before Redis's clock read it) and rounded down to the millisecond, so it ends at T or
 * a little earlier, never later: the answers are the ones Redis would give. Refusals are kept for at most
 * {@value #MAX_REMEMBERED_REFUSALS} callers at once; beyond that the next ones simply ask Redis.
 */
@Singleton
public class RedisRateLimitStore {

    /**
     * KEYS[1] the bucket of one caller. ARGV: limit count, then per limit: capacity, period (ms), interval refill (1)
     * or greedy (0). Per limit i the hash keeps t<i> (tokens) and w<i> (interval window start); ts is the last update.
     * The key expires when every limit would be full again, so an expired key and a fresh one are the same bucket and
     * Redis keeps only the callers of the last period. Returns allowed, now (ms), then per limit its tokens (after the
     * take) and window start.
     */
    static final String SCRIPT = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local n = tonumber(ARGV[1])
            local ts = tonumber(redis.call('HGET', KEYS[1], 'ts') or now)
            local tokens = {}
            local windows = {}
            local allowed = 1
            for i = 1, n do
              local cap = tonumber(ARGV[2 + (i - 1) * 3])
              local period = tonumber(ARGV[3 + (i - 1) * 3])
              local interval = tonumber(ARGV[4 + (i - 1) * 3])
              local t = tonumber(redis.call('HGET', KEYS[1], 't' .. i) or cap)
              local w = tonumber(redis.call('HGET', KEYS[1], 'w' .. i) or now)
              if interval == 1 then
                if now - w >= period then
                  t = cap
                  w = now - ((now - w) % period)
                end
              else
                t = math.min(cap, t + math.max(0, now - ts) * cap / period)
              end
              tokens[i] = t
              windows[i] = w
              if t < 1 then allowed = 0 end
            end
            local result = {allowed, now}
            local ttl = 1
            for i = 1, n do
              local cap = tonumber(ARGV[2 + (i - 1) * 3])
              local period = tonumber(ARGV[3 + (i - 1) * 3])
              if allowed == 1 then tokens[i] = tokens[i] - 1 end
              if tokens[i] < cap then
                local full
                if tonumber(ARGV[4 + (i - 1) * 3]) == 1 then full = windows[i] + period - now
                else full = math.ceil((cap - tokens[i]) * period / cap) end
                if full > ttl then ttl = full end
              end
              redis.call('HSET', KEYS[1], 't' .. i, tostring(tokens[i]), 'w' .. i, windows[i])
              table.insert(result, tostring(tokens[i]))
              table.insert(result, windows[i])
            end
            redis.call('HSET', KEYS[1], 'ts', now)
            redis.call('PEXPIRE', KEYS[1], ttl)
            return result
            """;

    private static final Logger LOG = Logger.getLogger("dev.errorcontract.ratelimit");
    private static final String SCRIPT_SHA = sha1(SCRIPT);
    static final int MAX_REMEMBERED_REFUSALS = 10_000;

    /** A caller refused until {@code untilNanos} (System.nanoTime), by the limit {@code binding}. */
    private record Refusal(long untilNanos, int binding) {
    }

    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

    private final Vertx vertx;
    private final String keyPrefix;
    /** Checks that start off an event loop: one connection of the application's client. */
    private final PipelinedConnection shared;
    /** The application's client's options, recorded when Quarkus made it; {@code null} if it was not seen. */
    private final RedisOptions options;
    private final Map<EventLoop, PipelinedConnection> perEventLoop = new ConcurrentHashMap<>();
    private final AtomicBoolean consolidationWarned = new AtomicBoolean();

    RedisRateLimitStore(RateLimitConfig config, @Any Instance<Redis> clients, RedisClientOptions seen, Vertx vertx) {
        String clientName = config.redis().clientName().orElse(RedisClientOptions.DEFAULT_CLIENT);
        Redis redis = config.redis().clientName()
                .map(name -> clients.select(RedisClientName.Literal.of(name)).get())
                .orElseGet(() -> clients.select(Default.Literal.INSTANCE).get());
        this.shared = new PipelinedConnection(redis, null); // used from any thread: flushed as it is written
        this.options = seen.of(clientName); // the client exists now: its options are final
        if (options == null) {
            LOG.warnf("The options of Redis client %s were not seen when Quarkus made it: rate-limit checks share one "
                    + "connection, answered on one event loop", clientName);
        }
        this.vertx = vertx;
        this.keyPrefix = config.redis().keyPrefix();
    }

    /** The connection of the event loop this check runs on, made there on first use; else the shared one. */
    private PipelinedConnection connectionOfThisThread() {
        if (options != null && Vertx.currentContext() instanceof ContextInternal context && context.isEventLoopContext()) {
            return perEventLoop.computeIfAbsent(context.nettyEventLoop(), loop -> {
                // made on the loop's own context (not the request's duplicate of it): its connections live there
                AtomicReference<Redis> made = new AtomicReference<>();
                context.unwrap().dispatch(() -> made.set(Redis.createClient(vertx, new RedisOptions(options))));
                // Sentinel's and Cluster's connections wrap others of their own (failover, one per node): written as
                // they come
                return new PipelinedConnection(made.get(),
                        options.getType() == RedisClientType.STANDALONE ? this::consolidationUnavailable : null);
            });
        }
        return shared;
    }

    private void consolidationUnavailable(String why) {
        if (consolidationWarned.compareAndSet(false, true)) {
            LOG.warnf("Rate-limit checks are written to Redis one system call each, not one per turn of the event "
                    + "loop: this version of the Vert.x Redis client does not let the connection's flushes be "
                    + "consolidated (%s). The limits stay exact; each check costs more CPU", why);
        }
    }

    @PreDestroy
    void close() {
        perEventLoop.values().forEach(connection -> connection.client.close());
    }

    /** One connection of a client that checks are pipelined on, opened on first use and again after it failed. */
    private static final class PipelinedConnection {
        final Redis client;
        /**
         * Given why a new connection's flushes could not be consolidated; {@code null}: they are not to be (the shared
         * connection, used from any thread, or a Sentinel or Cluster client's).
         */
        private final Consumer<String> consolidationUnavailable;
        /** {@code null} until the first check, or after the connection failed or closed. */
        private final AtomicReference<Future<RedisConnection>> connection = new AtomicReference<>();

        PipelinedConnection(Redis client, Consumer<String> consolidationUnavailable) {
            this.client = client;
            this.consolidationUnavailable = consolidationUnavailable;
        }

        Future<RedisConnection> get() {
            Future<RedisConnection> current = connection.get();
            if (current != null && !current.failed()) {
                return current;
            }
            Promise<RedisConnection> opening = Promise.promise();
            if (!connection.compareAndSet(current, opening.future())) {
                return get();
            }
            client.connect().onComplete(result -> {
                if (result.succeeded()) {
                    RedisConnection opened = result.result();
                    if (consolidationUnavailable != null) {
                        String failure = RedisFlushConsolidation.install(opened);
                        if (failure != null) {
                            consolidationUnavailable.accept(failure);
                        }
                    }
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

    private String key(BucketDefinition bucket, String identity) {
        return keyPrefix + bucket.name() + ":" + identity;
    }

    /**
     * Asks Redis for one permit. The answer completes on the event loop of the connection (this check's own loop when
     * it started on one); plain Vert.x futures, not Mutiny: a check is on every limited request, and each Mutiny stage
     * would capture and restore the request's contexts once more.
     */
    Future<RateLimitDecision> tryConsume(BucketDefinition bucket, String identity) {
        Bandwidth[] limits = bucket.configuration().getBandwidths();
        String key = key(bucket, identity);
        long sentNanos = System.nanoTime();
        Request evalSha = check(Command.EVALSHA, SCRIPT_SHA, key, limits);
        return connectionOfThisThread().get()
                .compose(connection -> connection.send(evalSha)
                        // the script is sent once per Redis server; after a restart NOSCRIPT asks for it again
                        .recover(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT")
                                ? connection.send(check(Command.EVAL, SCRIPT, key, limits))
                                : Future.failedFuture(failure)))
                .map(response -> decision(bucket, limits, response, key, sentNanos));
    }

    /** The script's call ({@code EVAL} with its text or {@code EVALSHA} with its digest) for one caller's bucket. */
    private static Request check(Command command, String script, String key, Bandwidth[] limits) {
        Request request = Request.cmd(command).arg(script).arg(1).arg(key).arg(limits.length);
        for (Bandwidth limit : limits) {
            request.arg(limit.getCapacity()).arg(Math.max(1, limit.getRefillPeriodNanos() / 1_000_000))
                    .arg(limit.isRefillIntervally() ? 1 : 0);
        }
        return request;
    }

    private void remember(String key, long sentNanos, long nextPermitMillis, int binding) {
        long waitMillis = nextPermitMillis - 1; // rounded up to the millisecond: one less, never past T
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
        refusals.put(key, new Refusal(sentNanos + waitMillis * 1_000_000, binding));
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }

    private RateLimitDecision decision(BucketDefinition bucket, Bandwidth[] limits, Response response, String key,
            long sentNanos) {
        boolean allowed = response.get(0).toLong() == 1;
        long now = response.get(1).toLong();
        double[] tokens = new double[limits.length];
        long remaining = Long.MAX_VALUE;
        for (int i = 0; i < limits.length; i++) {
            tokens[i] = Math.max(0, Double.parseDouble(response.get(2 + i * 2).toString()));
            remaining = Math.min(remaining, (long) Math.floor(tokens[i]));
        }
        // report the limit that takes longest to hold one permit more than the caller has now
        int binding = 0;
        long longestWait = -1;
        for (int i = 0; i < limits.length; i++) {
            Bandwidth limit = limits[i];
            long periodMillis = Math.max(1, limit.getRefillPeriodNanos() / 1_000_000);
            long wait;
            if (tokens[i] >= remaining + 1) {
                wait = 0;
            } else if (limit.isRefillIntervally()) {
                wait = periodMillis - (now - response.get(3 + i * 2).toLong());
            } else {
                wait = (long) Math.ceil((remaining + 1 - tokens[i]) * periodMillis / limit.getCapacity());
            }
            if (wait > longestWait) {
                binding = i;
                longestWait = wait;
            }
        }
        if (!allowed) {
            remember(key, sentNanos, longestWait, binding);
        }
        return RateLimitDecision.of(allowed, bucket, binding, limits[binding].getCapacity(), remaining,
                Math.max(0, longestWait) * 1_000_000);
    }
}
