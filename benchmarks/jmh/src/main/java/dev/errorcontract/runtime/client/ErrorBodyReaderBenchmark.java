package dev.errorcontract.runtime.client;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.errorcontract.ApiError;

/** The client-side error reader on each seed's body shape, and on an HTML page from a proxy. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ErrorBodyReaderBenchmark {

    @Param({ "rfc9457", "aurora-errors", "aurion-details", "aura-error-code", "kyc-code-message", "html" })
    public String shape;

    private byte[] body;

    @Setup
    public void setUp() {
        String text = switch (shape) {
            case "rfc9457" ->
                "{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\",\"status\":422,\"detail\":\"1 field is not valid.\",\"instance\":\"/tasks\",\"code\":\"validation_error\",\"request_id\":\"3f0c8a3e\",\"errors\":[{\"field\":\"priority\",\"pointer\":\"/priority\",\"in\":\"body\",\"code\":\"pattern\",\"message\":\"Must be one of: low, medium, high, urgent\"}]}";
            case "aurora-errors" ->
                "{\"errors\": [{\"message\": \"some error occurred\"}, {\"message\": \"some other error occurred\"}]}";
            case "aurion-details" ->
                "{\"error\": \"validation_error\", \"message\": \"Human-readable description of what went wrong\", \"details\": [{\"field\": \"priority\", \"message\": \"Must be one of: low, medium, high, urgent\"}]}";
            case "aura-error-code" ->
                "{ \"error\": \"Not authenticated\", \"error_code\": null, \"detail\": \"Not authenticated\"}";
            case "kyc-code-message" ->
                "{ \"code\": 400, \"message\": {\"error_code\":\"invalid_input\",\"message\":[\"'offset' is a required property\"]}}";
            default ->
                "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
        };
        body = text.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public ApiError read() {
        return ErrorBodyReader.read(422, body, "12");
    }
}
