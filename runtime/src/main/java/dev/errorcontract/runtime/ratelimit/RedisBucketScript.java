package dev.errorcontract.runtime.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.github.bucket4j.Bandwidth;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The Lua script that checks and takes a permit from all the limits of a caller's bucket at once (all or nothing, as
 * Bucket4j does in memory), on Redis's clock, for several callers in one call: the checks run one after the other,
 * atomically, in the order given, so two checks of one caller in the same call see each other.
 */
final class RedisBucketScript {

    /**
     * KEYS: the bucket of each caller checked. ARGV, per key in order: its limit count n, then per limit: capacity,
     * period (ms), interval refill (1) or greedy (0). Per limit i the hash keeps t<i> (tokens) and w<i> (interval
     * window start); ts is the last update. A key expires when every limit would be full again, so an expired key and
     * a fresh one are the same bucket and Redis keeps only the callers of the last period. Returns per key: allowed,
     * now (ms), then per limit its tokens (after the take) and window start.
     */
    static final String SCRIPT = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local results = {}
            local a = 1
            for k = 1, #KEYS do
              local key = KEYS[k]
              local n = tonumber(ARGV[a])
              local base = a + 1
              a = base + n * 3
              local ts = tonumber(redis.call('HGET', key, 'ts') or now)
              local tokens = {}
              local windows = {}
              local allowed = 1
              for i = 1, n do
                local cap = tonumber(ARGV[base + (i - 1) * 3])
                local period = tonumber(ARGV[base + 1 + (i - 1) * 3])
                local interval = tonumber(ARGV[base + 2 + (i - 1) * 3])
                local t = tonumber(redis.call('HGET', key, 't' .. i) or cap)
                local w = tonumber(redis.call('HGET', key, 'w' .. i) or now)
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
                local cap = tonumber(ARGV[base + (i - 1) * 3])
                local period = tonumber(ARGV[base + 1 + (i - 1) * 3])
                if allowed == 1 then tokens[i] = tokens[i] - 1 end
                if tokens[i] < cap then
                  local full
                  if tonumber(ARGV[base + 2 + (i - 1) * 3]) == 1 then full = windows[i] + period - now
                  else full = math.ceil((cap - tokens[i]) * period / cap) end
                  if full > ttl then ttl = full end
                end
                redis.call('HSET', key, 't' .. i, tostring(tokens[i]), 'w' .. i, windows[i])
                table.insert(result, tostring(tokens[i]))
                table.insert(result, windows[i])
              end
              redis.call('HSET', key, 'ts', now)
              redis.call('PEXPIRE', key, ttl)
              results[k] = result
            end
            return results
            """;

    static final String SHA = sha1(SCRIPT);

    /** One caller's check within a call. */
    record Check(BucketDefinition bucket, String key) {
    }

    /** The outcome of one check, with the exact wait (ms, rounded up) until the caller holds a permit more. */
    record Outcome(RateLimitDecision decision, long nextPermitMillis) {
    }

    private RedisBucketScript() {
    }

    /** The call ({@code EVALSHA} with the digest, or {@code EVAL} with the text) that runs these checks. */
    static Request call(boolean bySha, List<Check> checks) {
        Request request = Request.cmd(bySha ? Command.EVALSHA : Command.EVAL).arg(bySha ? SHA : SCRIPT)
                .arg(checks.size());
        for (Check check : checks) {
            request.arg(check.key());
        }
        for (Check check : checks) {
            Bandwidth[] limits = check.bucket().configuration().getBandwidths();
            request.arg(limits.length);
            for (Bandwidth limit : limits) {
                request.arg(limit.getCapacity()).arg(periodMillis(limit)).arg(limit.isRefillIntervally() ? 1 : 0);
            }
        }
        return request;
    }

    /** What Redis answered for one check: whether it is allowed, and the headers' figures. */
    static Outcome outcome(BucketDefinition bucket, Response result) {
        Bandwidth[] limits = bucket.configuration().getBandwidths();
        boolean allowed = result.get(0).toLong() == 1;
        long now = result.get(1).toLong();
        double[] tokens = new double[limits.length];
        long remaining = Long.MAX_VALUE;
        for (int i = 0; i < limits.length; i++) {
            tokens[i] = Math.max(0, Double.parseDouble(result.get(2 + i * 2).toString()));
            remaining = Math.min(remaining, (long) Math.floor(tokens[i]));
        }
        // report the limit that takes longest to hold one permit more than the caller has now
        int binding = 0;
        long longestWait = -1;
        for (int i = 0; i < limits.length; i++) {
            Bandwidth limit = limits[i];
            long wait;
            if (tokens[i] >= remaining + 1) {
                wait = 0;
            } else if (limit.isRefillIntervally()) {
                wait = periodMillis(limit) - (now - result.get(3 + i * 2).toLong());
            } else {
                wait = (long) Math.ceil((remaining + 1 - tokens[i]) * periodMillis(limit) / limit.getCapacity());
            }
            if (wait > longestWait) {
                binding = i;
                longestWait = wait;
            }
        }
        long nextPermitMillis = Math.max(0, longestWait);
        return new Outcome(RateLimitDecision.of(allowed, bucket, binding, limits[binding].getCapacity(), remaining,
                nextPermitMillis * 1_000_000), nextPermitMillis);
    }

    private static long periodMillis(Bandwidth limit) {
        return Math.max(1, limit.getRefillPeriodNanos() / 1_000_000);
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }
}
