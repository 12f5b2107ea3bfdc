package dev.errorcontract.test.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * One Idempotency-Key per call of a @Retry POST, the same on all its attempts and on no other request: calls made
 * from the test's own thread, outside any HTTP request and any Vert.x context: blocking, Uni and CompletionStage.
 */
public class IdempotencyKeyPerCallTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingUpstream.class, Client.class, OtherClient.class))
            .overrideConfigKey("quarkus.rest-client.upstream.url", "http://localhost:${quarkus.http.port}")
            .overrideConfigKey("quarkus.rest-client.other.url", "http://localhost:${quarkus.http.port}")
            .overrideConfigKey("quarkus.error-contract.client.retry-budget.enabled", "false");

    @Inject
    @RestClient
    Client client;

    @Inject
    @RestClient
    OtherClient other;

    static String caller() {
        return UUID.randomUUID().toString();
    }

    @Test
    void blockingCallsInARowEachHaveTheirOwnKeyAndLeaveNothingBehind() {
        String first = caller();
        String unretried = caller();
        String otherRetried = caller();
        String second = caller();
        client.create("broken", first, 2, "{}");
        client.createOnce("broken", unretried, 0, "{}");
        other.create("broken", otherRetried, 1, "{}");
        client.create("broken", second, 0, "{}");

        assertEquals(3, RecordingUpstream.keys(first).size());
        List<String> firstKeys = RecordingUpstream.distinctKeys(first);
        assertEquals(1, firstKeys.size(), "one key for all attempts: " + firstKeys);
        assertNotEquals("-", firstKeys.get(0));
        assertEquals(List.of("-"), RecordingUpstream.keys(unretried), "a POST without @Retry gets no key");
        List<String> otherKeys = RecordingUpstream.distinctKeys(otherRetried);
        assertEquals(2, RecordingUpstream.keys(otherRetried).size());
        assertEquals(1, otherKeys.size());
        assertNotEquals(firstKeys.get(0), otherKeys.get(0));
        List<String> secondKeys = RecordingUpstream.distinctKeys(second);
        assertEquals(1, secondKeys.size());
        assertNotEquals("-", secondKeys.get(0));
        assertNotEquals(firstKeys.get(0), secondKeys.get(0));
        assertNotEquals(otherKeys.get(0), secondKeys.get(0));
    }

    @Test
    void uniSubscribedOutsideAnyRequestGetsAKeyAndIsRetriedWithIt() {
        String broken = caller();
        String locked = caller();
        client.createUni("broken", broken, 2, "{}").await().atMost(Duration.ofSeconds(20));
        client.createUni("locked", locked, 1, "{}").await().atMost(Duration.ofSeconds(20));

        assertEquals(3, RecordingUpstream.keys(broken).size(), "a 500 is retried: the POST has a key");
        assertEquals(1, RecordingUpstream.distinctKeys(broken).size());
        assertNotEquals("-", RecordingUpstream.keys(broken).get(0));
        assertEquals(2, RecordingUpstream.keys(locked).size());
        assertEquals(1, RecordingUpstream.distinctKeys(locked).size());
        assertNotEquals("-", RecordingUpstream.keys(locked).get(0));
        assertNotEquals(RecordingUpstream.keys(broken).get(0), RecordingUpstream.keys(locked).get(0));
    }

    @Test
    void concurrentUnisKeepTheirOwnKeysOnEveryAttempt() {
        String a = caller();
        String b = caller();
        Uni.combine().all()
                .unis(client.createUniMeeting("broken", a, 2, 2, "{\"title\":\"a\"}"),
                        client.createUniMeeting("broken", b, 2, 2, "{\"title\":\"b\"}"))
                .asTuple().await().atMost(Duration.ofSeconds(30));

        assertEquals(3, RecordingUpstream.keys(a).size());
        assertEquals(3, RecordingUpstream.keys(b).size());
        assertEquals(1, RecordingUpstream.distinctKeys(a).size(), "a: " + RecordingUpstream.keys(a));
        assertEquals(1, RecordingUpstream.distinctKeys(b).size(), "b: " + RecordingUpstream.keys(b));
        assertNotEquals("-", RecordingUpstream.keys(a).get(0));
        assertNotEquals("-", RecordingUpstream.keys(b).get(0));
        assertNotEquals(RecordingUpstream.keys(a).get(0), RecordingUpstream.keys(b).get(0));
    }

    @Test
    void aUniKeepsTheKeyOfItsCreationWhateverTheOrderOfSubscription() {
        String early = caller();
        String late = caller();
        Uni<String> first = client.createUni("broken", early, 1, "{}");
        Uni<String> second = client.createUni("broken", late, 1, "{}");
        second.await().atMost(Duration.ofSeconds(20));
        first.await().atMost(Duration.ofSeconds(20));

        assertEquals(1, RecordingUpstream.distinctKeys(early).size());
        assertEquals(1, RecordingUpstream.distinctKeys(late).size());
        assertNotEquals(RecordingUpstream.keys(early).get(0), RecordingUpstream.keys(late).get(0));
    }

    @Test
    void completionStageCallKeepsItsKey() throws Exception {
        String caller = caller();
        client.createAsync("locked", caller, 2, "{}").toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(3, RecordingUpstream.keys(caller).size());
        assertEquals(1, RecordingUpstream.distinctKeys(caller).size());
        assertNotEquals("-", RecordingUpstream.keys(caller).get(0));
    }

    @RegisterRestClient(configKey = "upstream")
    @Path("/upstream")
    public interface Client {
        @POST
        @Path("/{scenario}")
        @Retry(maxRetries = 3)
        CompletionStage<String> createAsync(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures, String body);

        @POST
        @Path("/{scenario}")
        @Retry(maxRetries = 3)
        String create(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures, String body);

        @POST
        @Path("/{scenario}")
        @Retry(maxRetries = 3)
        Uni<String> createUni(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures, String body);

        @POST
        @Path("/{scenario}")
        @Retry(maxRetries = 3)
        Uni<String> createUniMeeting(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures, @QueryParam("meet") int meet, String body);

        @POST
        @Path("/{scenario}")
        String createOnce(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures, String body);
    }

    @RegisterRestClient(configKey = "other")
    @Path("/upstream")
    public interface OtherClient {
        @POST
        @Path("/{scenario}")
        @Retry(maxRetries = 3)
        String create(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures, String body);
    }
}
