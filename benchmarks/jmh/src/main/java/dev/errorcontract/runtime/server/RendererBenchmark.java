package dev.errorcontract.runtime.server;

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

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.errorcontract.ApiError;
import dev.errorcontract.FieldError;
import dev.errorcontract.runtime.config.ErrorContractConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Rendering an error to problem+json bytes: a plain 404 and a 422 with two field errors. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RendererBenchmark {

    private final ObjectMapper mapper = new ObjectMapper();
    private ProblemDetailsRenderer renderer;
    private ApiError notFound;
    private ApiError invalid;

    @Setup
    public void setUp() {
        // the real mapping with its defaults, so that a new configuration property cannot break this benchmark
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ErrorContractConfig.class).build();
        renderer = new ProblemDetailsRenderer(config.getConfigMapping(ErrorContractConfig.class));
        notFound = ApiError.of(404, "not_found", "Task 42 does not exist").withInstance("/tasks/42")
                .withRequestId("3f0c8a3e9d4b4f7c9a51d1b0c2a7e6f4");
        invalid = ApiError.of(422, "validation_error", "2 fields are not valid.").withInstance("/tasks")
                .withRequestId("3f0c8a3e9d4b4f7c9a51d1b0c2a7e6f4").withErrors(List.of(
                        FieldError.body("priority", "pattern", "Must be one of: low, medium, high, urgent"),
                        FieldError.body("title", "size", "size must be between 1 and 200")));
    }

    @Benchmark
    public byte[] notFound() throws Exception {
        return mapper.writeValueAsBytes(renderer.render(notFound));
    }

    @Benchmark
    public byte[] validationError() throws Exception {
        return mapper.writeValueAsBytes(renderer.render(invalid));
    }
}
