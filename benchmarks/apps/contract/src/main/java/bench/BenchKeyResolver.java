package bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

import dev.errorcontract.CallerIdentityResolver;
import io.smallrye.common.annotation.Identifier;

/**
 * The memory scenario's callers: the bench application has no security, so an {@code api-key} identity would count
 * every key by address (one bucket); this resolver takes the header as it is, a bucket per key.
 */
@ApplicationScoped
@Identifier("bench-key")
public class BenchKeyResolver implements CallerIdentityResolver {

    @Override
    public String resolve(ContainerRequestContext request) {
        return request.getHeaderString("X-API-Key");
    }
}
