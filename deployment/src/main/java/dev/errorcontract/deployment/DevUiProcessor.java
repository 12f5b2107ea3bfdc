package dev.errorcontract.deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.errorcontract.ErrorCodes;
import dev.errorcontract.deployment.IdempotencyProcessor.IdempotentMethodsBuildItem;
import dev.errorcontract.deployment.RateLimitProcessor.RateLimitedMethodsBuildItem;
import dev.errorcontract.deployment.ResourceMethodsBuildItem.ResourceMethod;
import dev.errorcontract.runtime.dev.DevActivityBuffer;
import dev.errorcontract.runtime.dev.ErrorContractJsonRpcService;
import dev.errorcontract.runtime.ratelimit.RateLimitedMethod;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card, in dev mode only: the error catalogue and the application's own codes (build-time data), the
 * endpoints with their bucket and idempotency, the configured buckets with live usage and the recent error responses
 * (JSON-RPC, from {@link DevActivityBuffer}, which records only in dev mode).
 */
class DevUiProcessor {

    /** A row of the contract's status table. */
    record CatalogueEntry(int status, String title, List<String> codes, String when, String headers,
            String clientRetries) {
    }

    /** An application exception mapped to the contract. */
    record ApplicationError(String exception, int status, String code, boolean messageShown, String declaredBy) {
    }

    /** A resource method and what the contract adds to it. */
    record Endpoint(String operation, String method, String bucket, String idempotency) {
    }

    static final List<CatalogueEntry> CATALOGUE = List.of(
            entry(400, "unparseable body, bad parameter types, missing idempotency key", "", "no",
                    ErrorCodes.BAD_REQUEST, ErrorCodes.MALFORMED_BODY, ErrorCodes.IDEMPOTENCY_KEY_MISSING),
            entry(401, "missing or invalid credentials", "WWW-Authenticate", "no", ErrorCodes.UNAUTHORIZED),
            entry(402, "account or subscription not active", "", "no", ErrorCodes.PAYMENT_REQUIRED),
            entry(403, "authenticated, not permitted (optionally concealed as 404)", "", "no", ErrorCodes.FORBIDDEN),
            entry(404, "unknown resource or route", "", "no", ErrorCodes.NOT_FOUND),
            entry(405, "method not valid for the path", "Allow", "no", ErrorCodes.METHOD_NOT_ALLOWED),
            entry(406, "no acceptable representation", "", "no", ErrorCodes.NOT_ACCEPTABLE),
            entry(409, "state conflict; idempotency key reused with another body; same key still running",
                    "Retry-After on request_in_progress", "only request_in_progress", ErrorCodes.CONFLICT,
                    ErrorCodes.IDEMPOTENCY_CONFLICT, ErrorCodes.REQUEST_IN_PROGRESS),
            entry(413, "request body over the limit", "", "no", ErrorCodes.PAYLOAD_TOO_LARGE),
            entry(414, "request URI too long", "", "no", ErrorCodes.URI_TOO_LONG),
            entry(415, "request body media type not supported", "", "no", ErrorCodes.UNSUPPORTED_MEDIA_TYPE),
            entry(422, "bean validation of body or parameters failed", "", "no", ErrorCodes.VALIDATION_ERROR),
            entry(423, "the resource is busy", "Retry-After", "yes", ErrorCodes.LOCKED),
            entry(429, "a rate limit is used up", "Retry-After, rate-limit headers", "yes, not before Retry-After",
                    ErrorCodes.RATE_LIMIT_EXCEEDED),
            entry(500, "unexpected", "", "idempotent requests only", ErrorCodes.INTERNAL_ERROR),
            entry(502, "an upstream failed", "", "idempotent requests only", ErrorCodes.BAD_GATEWAY),
            entry(503, "maintenance, open circuit breaker, overload", "Retry-After when known", "yes",
                    ErrorCodes.SERVICE_UNAVAILABLE),
            entry(504, "an upstream timed out", "", "idempotent requests only", ErrorCodes.GATEWAY_TIMEOUT));

    @BuildStep(onlyIf = IsDevelopment.class)
    AdditionalBeanBuildItem registerDevActivity() {
        return AdditionalBeanBuildItem.unremovableOf(DevActivityBuffer.class);
    }

    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card(List<DeclaredExceptionBuildItem> declared, ResourceMethodsBuildItem resources,
            RateLimitedMethodsBuildItem rateLimited, IdempotentMethodsBuildItem idempotent) {
        List<ApplicationError> applicationErrors = declared.stream()
                .map(item -> new ApplicationError(item.className, item.status, item.code, item.exposeMessage,
                        item.origin))
                .sorted(Comparator.comparing(ApplicationError::status).thenComparing(ApplicationError::exception))
                .toList();
        List<Endpoint> endpoints = endpoints(resources, rateLimited, idempotent);

        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("catalogue", CATALOGUE);
        card.addBuildTimeData("applicationErrors", applicationErrors);
        card.addBuildTimeData("endpoints", endpoints);
        card.addPage(Page.webComponentPageBuilder()
                .title("Error catalogue")
                .icon("font-awesome-solid:book")
                .componentLink("qwc-error-contract-catalogue.js")
                .staticLabel(String.valueOf(CATALOGUE.size() + applicationErrors.size())));
        card.addPage(Page.webComponentPageBuilder()
                .title("Endpoints")
                .icon("font-awesome-solid:route")
                .componentLink("qwc-error-contract-endpoints.js")
                .staticLabel(String.valueOf(endpoints.size())));
        card.addPage(Page.webComponentPageBuilder()
                .title("Rate limits")
                .icon("font-awesome-solid:gauge-high")
                .componentLink("qwc-error-contract-buckets.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Recent errors")
                .icon("font-awesome-solid:triangle-exclamation")
                .componentLink("qwc-error-contract-errors.js"));
        return card;
    }

    @BuildStep(onlyIf = IsDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(ErrorContractJsonRpcService.class);
    }

    /** Every resource method, by verb and path, with its bucket and whether it takes an Idempotency-Key. */
    private static List<Endpoint> endpoints(ResourceMethodsBuildItem resources, RateLimitedMethodsBuildItem rateLimited,
            IdempotentMethodsBuildItem idempotent) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (ResourceMethod method : resources.methods) {
            RateLimitedMethod limited = rateLimited.of(method);
            Boolean required = idempotent.requiredByMethod.get(method);
            endpoints.add(new Endpoint(method.operation(), method.javaName(),
                    limited == null ? "(exempt)" : limited.underDefaultBucket() ? "(default bucket)" : limited.bucket(),
                    required == null ? "" : required ? "key required" : "key optional"));
        }
        return endpoints;
    }

    private static CatalogueEntry entry(int status, String when, String headers, String clientRetries,
            String... codes) {
        return new CatalogueEntry(status, ErrorCodes.defaultTitle(status), List.of(codes), when, headers,
                clientRetries);
    }
}
