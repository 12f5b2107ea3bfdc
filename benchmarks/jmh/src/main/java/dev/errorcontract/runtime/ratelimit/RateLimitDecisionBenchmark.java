package dev.errorcontract.runtime.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.github.bucket4j.BucketConfiguration;

/** One rate-limit decision in the local store: allowed (a huge bucket) and rejected (an empty one). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RateLimitDecisionBenchmark {

    private LocalRateLimitStore store;
    private BucketDefinition roomy;
    private BucketDefinition used;

    @Setup
    public void setUp() {
        store = new LocalRateLimitStore(100_000, Duration.ofHours(1).toNanos(), () -> {
        });
        roomy = new BucketDefinition("roomy", BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofSeconds(1)))
                .build(), List.of(new RateLimitDecision.Policy(1_000_000_000L, 1)), "address");
        used = new BucketDefinition("used", BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1).refillIntervally(1, Duration.ofHours(1)))
                .build(), List.of(new RateLimitDecision.Policy(1, 3600)), "address");
        store.tryConsume(used, "addr:127.0.0.1");
    }

    @Benchmark
    public RateLimitDecision allowed() {
        return store.tryConsume(roomy, "addr:127.0.0.1");
    }

    @Benchmark
    public RateLimitDecision rejected() {
        return store.tryConsume(used, "addr:127.0.0.1");
    }
}
