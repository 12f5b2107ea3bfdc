package dev.errorcontract.it.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.errorcontract.RateLimited;

/**
 * A deliberately unreliable upstream failing the way Aurora, Aurion, Aura, AuthRocket and the KYC-style API do: for each caller
 * id, the first {@code failures}
 * calls fail the way the scenario says, later ones succeed. It records every attempt and the Idempotency-Key it
 * carried. Not part of this API's document: it stands for other companies' services and their formats.
 */
@Path("/upstream")
@ApplicationScoped
@RateLimited.Exempt
@Produces(MediaType.APPLICATION_JSON)
public class UnreliableUpstream {

    private final Map<String, List<String>> keysByCaller = new ConcurrentHashMap<>();

    @Operation(hidden = true)
    @GET
    @Path("/{scenario}")
    public Response get(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") @DefaultValue("2") int failures, @HeaderParam("Idempotency-Key") String key)
            throws InterruptedException {
        return answer(scenario, caller, failures, key);
    }

    @Operation(hidden = true)
    @POST
    @Path("/{scenario}")
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
            @QueryParam("failures") @DefaultValue("2") int failures, @HeaderParam("Idempotency-Key") String key,
            String body) throws InterruptedException {
        return answer(scenario, caller, failures, key);
    }

    /** The Idempotency-Key of every attempt a caller made ({@code -} for none). */
    @Operation(hidden = true)
    @GET
    @Path("/attempts/{caller}")
    public List<String> attempts(@PathParam("caller") String caller) {
        return keys(caller);
    }

    public List<String> keys(String caller) {
        List<String> keys = keysByCaller.get(caller);
        if (keys == null) {
            return List.of();
        }
        synchronized (keys) {
            return List.copyOf(keys);
        }
    }

    private Response answer(String scenario, String caller, int failures, String key) throws InterruptedException {
        List<String> keys = keysByCaller.computeIfAbsent(caller == null ? "anonymous" : caller, id -> new ArrayList<>());
        int attempt;
        synchronized (keys) {
            keys.add(key == null ? "-" : key);
            attempt = keys.size();
        }
        if (attempt > failures) {
            return Response.ok("{\"ok\":true,\"attempt\":" + attempt + "}").build();
        }
        return switch (scenario) {
            case "rate-limited" -> json(429, "{\"error\":\"rate_limit_exceeded\",\"message\":\"Rate limit exceeded. "
                    + "Retry after 1 seconds.\",\"retry_after\":1}").header("Retry-After", "1")
                    .header("RateLimit-Limit", "10").header("RateLimit-Remaining", "0").header("RateLimit-Reset", "1").build();
            case "unavailable" -> json(503, "{\"code\":503,\"message\":\"We're temporarily offline for maintenance.\","
                    + "\"status\":\"failure\"}").build();
            case "locked" -> json(423, "{\"code\":423,\"message\":{\"error_code\":\"object_busy\",\"message\":"
                    + "[\"the object is busy, retry in a few seconds\"]},\"status\":\"failure\"}").header("Retry-After", "1")
                    .build();
            case "in-progress" -> Response.status(409).type("application/problem+json").entity("{\"type\":\"about:blank\","
                    + "\"title\":\"Conflict\",\"status\":409,\"code\":\"request_in_progress\",\"retry_after\":1}")
                    .header("Retry-After", "1").build();
            case "broken" -> json(500, "{\"error\":\"Internal Server Error\",\"error_code\":\"internal\","
                    + "\"detail\":\"Server-side failure\"}").build();
            case "bad-gateway" -> Response.status(502).type(MediaType.TEXT_HTML)
                    .entity("<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>").build();
            case "slow" -> {
                Thread.sleep(1_500);
                yield Response.ok("{\"ok\":true,\"slow\":true}").build();
            }
            case "bad-request" -> json(400, "{\"errors\":[{\"message\":\"some error occurred\"}]}").build();
            case "not-found" -> json(404, "{\"error\":\"Not found\",\"error_code\":null,\"detail\":\"Not found\"}").build();
            case "invalid" -> json(422, "{\"error\":\"validation_error\",\"message\":\"Invalid task\",\"details\":"
                    + "[{\"field\":\"priority\",\"message\":\"Must be one of: low, medium, high, urgent\"}]}").build();
            default -> json(404, "{\"errors\":[\"unknown scenario\"]}").build();
        };
    }

    private static Response.ResponseBuilder json(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
    }
}
