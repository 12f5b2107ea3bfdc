package dev.errorcontract.runtime.ratelimit;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import dev.errorcontract.runtime.config.RateLimitConfig;
import io.github.bucket4j.Bandwidth;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Buckets in Redis, shared by every instance. One Lua script checks and takes a permit from all the limits of a
 * bucket at once (all or nothing, as Bucket4j does in memory), on Redis's clock, so the limit holds exactly across
 * instances. Calls are non-blocking.
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

    private static final String SCRIPT_SHA = sha1(SCRIPT);

    private final ReactiveRedisDataSource redis;
    private final String keyPrefix;

    RedisRateLimitStore(RateLimitConfig config, @Any Instance<ReactiveRedisDataSource> dataSources) {
        this.redis = config.redis().clientName()
                .map(name -> dataSources.select(RedisClientName.Literal.of(name)).get())
                .orElseGet(() -> dataSources.select(jakarta.enterprise.inject.Default.Literal.INSTANCE).get());
        this.keyPrefix = config.redis().keyPrefix();
    }

    Uni<RateLimitDecision> tryConsume(BucketDefinition bucket, String identity) {
        Bandwidth[] limits = bucket.configuration().getBandwidths();
        List<String> limitArguments = new ArrayList<>();
        for (Bandwidth limit : limits) {
            long periodMillis = Math.max(1, limit.getRefillPeriodNanos() / 1_000_000);
            limitArguments.add(Long.toString(limit.getCapacity()));
            limitArguments.add(Long.toString(periodMillis));
            limitArguments.add(limit.isRefillIntervally() ? "1" : "0");
        }
        List<String> arguments = new ArrayList<>(List.of(SCRIPT_SHA, "1", keyPrefix + bucket.name() + ":" + identity,
                Integer.toString(limits.length)));
        arguments.addAll(limitArguments);
        String[] evalSha = arguments.toArray(String[]::new);
        // the script is sent once per Redis server; after a restart NOSCRIPT asks for it again
        return redis.execute("EVALSHA", evalSha)
                .onFailure(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> {
                    String[] eval = evalSha.clone();
                    eval[0] = SCRIPT;
                    return redis.execute("EVAL", eval);
                })
                .map(response -> decision(bucket, limits, response));
    }

    private static String sha1(String script) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }

    private static RateLimitDecision decision(BucketDefinition bucket, Bandwidth[] limits, Response response) {
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
        return RateLimitDecision.of(allowed, bucket, binding, limits[binding].getCapacity(), remaining,
                Math.max(0, longestWait) * 1_000_000);
    }
}
