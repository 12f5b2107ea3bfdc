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
import io.smallrye.common.annotation.Blocking;

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
    UnreliableUpstream upstream;

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
