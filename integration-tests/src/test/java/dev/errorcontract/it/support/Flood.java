package dev.errorcontract.it.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Many concurrent HTTP requests, at most {@code concurrency} in flight; every response is kept (status and headers). */
public final class Flood {

    /** One answer: its status and headers (names in lower case). */
    public record Answer(int status, Map<String, List<String>> headers, long nanos) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private Flood() {
    }

    /** Sends {@code count} requests, the {@code i}-th built by {@code request}, and waits for every answer. */
    public static List<Answer> send(int count, int concurrency, IntFunction<HttpRequest> request) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            long start = System.nanoTime();
            answers.add(client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> new Answer(response.statusCode(), response.headers().map(),
                            System.nanoTime() - start))
                    .whenComplete((answer, failure) -> inFlight.release()));
        }
        List<Answer> result = new ArrayList<>();
        for (CompletableFuture<Answer> answer : answers) {
            result.add(answer.get(60, TimeUnit.SECONDS));
        }
        return result;
    }

    public static HttpRequest get(String uri, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder.build();
    }
}
