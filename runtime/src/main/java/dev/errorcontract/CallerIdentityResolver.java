package dev.errorcontract;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Tells who is calling, for rate limits and idempotency keys, when the built-in identities (API key header,
 * authenticated principal, client address) do not fit. Declare it as a bean with {@code @Identifier} and name it in
 * configuration:
 *
 * <pre>{@code
 * @ApplicationScoped
 * @Identifier("tenant")
 * public class TenantResolver implements CallerIdentityResolver {
 *     public String resolve(ContainerRequestContext request) {
 *         return request.getHeaderString("X-Tenant-Id");
 *     }
 * }
 * }</pre>
 *
 * {@code quarkus.error-contract.rate-limit.buckets.orders.identity=resolver:tenant}
 * <p>
 * For rate limits it usually runs on the event loop, before a blocking resource method is sent to a worker thread:
 * it must not block.
 */
public interface CallerIdentityResolver {

    /** The identity of the caller, or {@code null} when unknown: the client address is used then. */
    String resolve(ContainerRequestContext request);
}
