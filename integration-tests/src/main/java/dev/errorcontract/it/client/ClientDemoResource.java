package dev.errorcontract.it.client;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.errorcontract.ApiException;
import dev.errorcontract.RateLimited;
import dev.errorcontract.it.tasks.NewTask;
import dev.errorcontract.it.tasks.Task;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * Calls the unreliable upstream through a REST client and tells what happened: the outcome, the error the client
 * read, and the attempts the upstream saw with their Idempotency-Keys.
 */
@Path("/demo/client")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited.Exempt
@Blocking
public class ClientDemoResource {

    @Inject
    @RestClient
    UnreliableClient client;

    @Inject
    @RestClient
    BudgetedClient budgeted;

    @Inject
    @RestClient
    TasksClient tasks;

    @Inject
    UnreliableUpstream upstream;

    /**
     * Three POSTs in one request: a retried one that fails once, one without {@code @Retry}, another retried one. Each
     * retried call has its own key on all its attempts; the one without {@code @Retry} has none.
     */
    @GET
    @Path("/posts-in-one-request")
    public Map<String, List<String>> postsInOneRequest() {
        String first = UUID.randomUUID().toString();
        String unretried = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        client.post("broken", first, 1, "{\"title\":\"a\"}");
        client.postOnce("broken", unretried, 0, "{\"title\":\"b\"}");
        client.post("broken", second, 0, "{\"title\":\"c\"}");
        return Map.of("first", upstream.keys(first), "unretried", upstream.keys(unretried), "second",
                upstream.keys(second));
    }

    /** Creates tasks through a REST client to the demo's own idempotent {@code POST /tasks}, in one request. */
    @GET
    @Path("/create-tasks")
    public List<Task> createTasks(@QueryParam("title") String title) {
        return List.of(tasks.create(new NewTask(title, "low")), tasks.create(new NewTask(title, "low")),
                tasks.create(new NewTask(title + " (another)", "high")));
    }

    /**
     * Two reactive POSTs at the same time, on the request's event loop, each failing twice: the attempts each call
     * made, with their keys.
     */
    @GET
    @Path("/concurrent-posts")
    @NonBlocking
    public Uni<Map<String, List<String>>> concurrentPosts() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        return Uni.combine().all()
                .unis(client.postReactive("broken", a, 2, "{\"title\":\"a\"}"),
                        client.postReactive("broken", b, 2, "{\"title\":\"b\"}"))
                .asTuple()
                .map(done -> Map.of("a", upstream.keys(a), "b", upstream.keys(b)));
    }

    /**
     * @param scenario rate-limited, unavailable, locked, in-progress, broken, bad-gateway, bad-request, not-found,
     *        invalid, slow
     * @param failures how many calls fail before the upstream recovers
     * @param call get, post, reactive, once (no @Retry) or budgeted
     */
    @GET
    @Path("/{scenario}")
    public Map<String, Object> call(@PathParam("scenario") String scenario,
            @QueryParam("failures") @DefaultValue("2") int failures, @QueryParam("call") @DefaultValue("get") String call) {
        String caller = UUID.randomUUID().toString();
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            String body = switch (call) {
                case "post" -> client.post(scenario, caller, failures, "{\"title\":\"x\"}");
                case "reactive" -> client.getReactive(scenario, caller, failures).await().indefinitely();
                case "once" -> client.once(scenario, caller, failures);
                case "budgeted" -> budgeted.get(scenario, caller, failures);
                default -> client.get(scenario, caller, failures);
            };
            result.put("outcome", "success");
            result.put("body", body);
        } catch (ApiException e) {
            result.put("outcome", "error");
            result.put("exception", e.getClass().getSimpleName());
            result.put("status", e.status());
            result.put("code", e.code());
            result.put("detail", e.error().detail());
            e.retryAfter().ifPresent(wait -> result.put("retry_after", wait.toSeconds()));
            result.put("field_errors", e.error().errors().size());
        }
        List<String> keys = upstream.keys(caller);
        result.put("attempts", keys.size());
        result.put("idempotency_keys", List.copyOf(new LinkedHashSet<>(keys)));
        return result;
    }
}
