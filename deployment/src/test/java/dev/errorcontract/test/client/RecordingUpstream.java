package dev.errorcontract.test.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An upstream for the client tests: for each caller id, the first {@code failures} attempts fail as the scenario says,
 * later ones succeed. It records the {@code Idempotency-Key} of every attempt ({@code -} for none). With
 * {@code meet=N}, the first attempts of N callers wait for each other, which proves the calls run at the same time.
 */
@Path("/upstream")
public class RecordingUpstream {

    static final Map<String, List<String>> KEYS = new ConcurrentHashMap<>();
    private static final Map<Integer, CountDownLatch> MEETINGS = new ConcurrentHashMap<>();

    /** The keys of a caller's attempts, in order. */
    static List<String> keys(String caller) {
        List<String> keys = KEYS.getOrDefault(caller, List.of());
        synchronized (keys) {
            return List.copyOf(keys);
        }
    }

    /** The distinct keys of a caller's attempts. */
    static List<String> distinctKeys(String caller) {
        return List.copyOf(new LinkedHashSet<>(keys(caller)));
    }

    @GET
    @Path("/{scenario}")
    public Response get(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") @DefaultValue("0") int failures, @HeaderParam("Idempotency-Key") String key)
            throws InterruptedException {
        return answer(scenario, caller, failures, key, 0);
    }

    @POST
    @Path("/{scenario}")
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") @DefaultValue("0") int failures, @QueryParam("meet") @DefaultValue("0") int meet,
            @HeaderParam("Idempotency-Key") String key, String body) throws InterruptedException {
        return answer(scenario, caller, failures, key, meet);
    }

    private static Response answer(String scenario, String caller, int failures, String key, int meet)
            throws InterruptedException {
        List<String> keys = KEYS.computeIfAbsent(caller, id -> new ArrayList<>());
        int attempt;
        synchronized (keys) {
            keys.add(key == null ? "-" : key);
            attempt = keys.size();
        }
        if (meet > 0 && attempt == 1) {
            CountDownLatch meeting = MEETINGS.computeIfAbsent(meet, n -> new CountDownLatch(n));
            meeting.countDown();
            if (!meeting.await(10, TimeUnit.SECONDS)) {
                return Response.status(400).entity("{\"error\":\"the other calls never came\"}").build();
            }
        }
        if (attempt > failures) {
            return Response.ok("{\"ok\":true,\"attempt\":" + attempt + "}").type(MediaType.APPLICATION_JSON).build();
        }
        return switch (scenario) {
            case "broken" -> Response.serverError().type(MediaType.APPLICATION_JSON).entity("{\"error\":\"boom\"}").build();
            case "locked" -> Response.status(423).header("Retry-After", "0").build();
            case "rate-limited" -> Response.status(429).header("Retry-After", "0").build();
            case "unavailable" -> Response.status(503).build();
            case "slow" -> {
                Thread.sleep(3_000);
                yield Response.ok("{\"slow\":true}").type(MediaType.APPLICATION_JSON).build();
            }
            default -> Response.status(404).build();
        };
    }
}
