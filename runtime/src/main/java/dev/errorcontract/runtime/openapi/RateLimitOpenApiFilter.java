package dev.errorcontract.runtime.openapi;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.errorcontract.runtime.config.RateLimitConfig;
import dev.errorcontract.runtime.idempotency.IdempotentMethods;
import dev.errorcontract.runtime.ratelimit.RateLimitedMethod;
import dev.errorcontract.runtime.ratelimit.RateLimitedMethods;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Completes the OpenAPI document at start-up with what depends on the run-time configuration of rate limits: the 429
 * of each limited operation (a {@code @RateLimited} one, or any not exempt with a default bucket; none when rate limits
 * are off), the 503 when the Redis store rejects on failure, and the rate-limit headers in the configured style. The
 * rest of the contract is in the document from the build.
 */
@Singleton
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class RateLimitOpenApiFilter implements OASFilter {

    private final RateLimitConfig config;
    private final RateLimitedMethods methods;
    private final IdempotentMethods idempotent;

    RateLimitOpenApiFilter(RateLimitConfig config, RateLimitedMethods methods, IdempotentMethods idempotent) {
        this.config = config;
        this.methods = methods;
        this.idempotent = idempotent;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (!config.enabled() || openAPI.getPaths() == null) {
            return;
        }
        boolean rejectedWhenStoreFails = config.store() == RateLimitConfig.Store.REDIS
                && config.redis().onFailure() == RateLimitConfig.OnFailure.REJECT;
        for (RateLimitedMethod method : methods.all()) {
            if (method.underDefaultBucket() && config.defaultBucket().isEmpty()) {
                continue;
            }
            Operation operation = operation(openAPI, method);
            if (operation == null || operation.getResponses() == null) {
                continue;
            }
            APIResponses responses = operation.getResponses();
            boolean added = ContractResponses.add(responses, 429, ContractResponses.TOO_MANY_REQUESTS) != null;
            if (rejectedWhenStoreFails) {
                added |= ContractResponses.add(responses, 503, ContractResponses.UNAVAILABLE) != null;
            }
            ContractResponses.addHeaders(responses, idempotent.contains(method.method()));
            ContractResponses.addRateLimitHeaders(responses, config.headers());
            if (added) {
                sortByStatus(responses);
            }
        }
    }

    private static Operation operation(OpenAPI openAPI, RateLimitedMethod method) {
        PathItem item = openAPI.getPaths().getPathItem(ContractResponses.openApiPath(method.path()));
        if (item == null || item.getOperations() == null) {
            return null;
        }
        for (Map.Entry<PathItem.HttpMethod, Operation> operation : item.getOperations().entrySet()) {
            if (operation.getKey().name().equals(method.httpMethod())) {
                return operation.getValue();
            }
        }
        return null;
    }

    /** The responses in the order of their status; {@code default} and ranges last. */
    private static void sortByStatus(APIResponses responses) {
        Map<String, APIResponse> sorted = new LinkedHashMap<>();
        responses.getAPIResponses().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, APIResponse> entry) -> !entry.getKey().matches("\\d{3}"))
                        .thenComparing(Map.Entry::getKey))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        responses.setAPIResponses(sorted);
    }
}
