package dev.errorcontract.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import dev.errorcontract.CallerIdentityResolver;
import dev.errorcontract.config.IdentityConfig;
import dev.errorcontract.server.RoutingContexts;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves caller identities for rate limiting and idempotency scoping. An identity is a string with a prefix that
 * says where it came from ({@code key:}, {@code principal:}, {@code addr:}, {@code custom:}), so that the same text
 * from two sources never shares state. API keys are kept only as a hash.
 * <p>
 * The client address is the one Quarkus resolved: {@code X-Forwarded-For} and {@code Forwarded} count only when
 * {@code quarkus.http.proxy.proxy-address-forwarding} is on and the proxy is in {@code quarkus.http.proxy.trusted-proxies}.
 */
@ApplicationScoped
public class CallerIdentities {

    private final Instance<CallerIdentityResolver> resolvers;
    private final IdentityConfig config;

    CallerIdentities(@Any Instance<CallerIdentityResolver> resolvers, IdentityConfig config) {
        this.resolvers = resolvers;
        this.config = config;
    }

    /**
     * The identity of the caller of a Quarkus REST request by the given source; falls back to the client address
     * when the source has none.
     *
     * @param source {@code api-key}, {@code principal}, {@code address} or {@code resolver:<identifier>}
     */
    public String resolve(String source, ResteasyReactiveContainerRequestContext context) {
        RoutingContext routingContext = RoutingContexts.of(context.getServerRequestContext());
        return resolve(source, config.apiKeyHeader(), context, routingContext == null ? null : routingContext.request());
    }

    /**
     * The identity of the caller by the given source; falls back to the client address when the source has none.
     *
     * @param source {@code api-key}, {@code principal}, {@code address} or {@code resolver:<identifier>}
     * @param apiKeyHeader the header that carries the API key, for {@code api-key}
     */
    String resolve(String source, String apiKeyHeader, ContainerRequestContext context, HttpServerRequest request) {
        String identity = switch (source) {
            case IdentitySource.API_KEY -> apiKey(context.getHeaderString(apiKeyHeader));
            case IdentitySource.PRINCIPAL -> principal(context);
            case IdentitySource.ADDRESS -> null;
            default -> custom(IdentitySource.resolverName(source), context);
        };
        return identity != null ? identity : address(request);
    }

    /** Whether a custom resolver with this identifier exists. */
    public boolean hasResolver(String identifier) {
        return resolvers.select(Identifier.Literal.of(identifier)).isResolvable();
    }

    static String apiKey(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        return "key:" + sha256(key.strip());
    }

    static String principal(ContainerRequestContext context) {
        Principal principal = context.getSecurityContext() == null ? null : context.getSecurityContext().getUserPrincipal();
        return principal == null || principal.getName() == null || principal.getName().isEmpty() ? null
                : "principal:" + principal.getName();
    }

    static String address(HttpServerRequest request) {
        SocketAddress address = request == null ? null : request.remoteAddress();
        String host = address == null ? null : address.hostAddress();
        return "addr:" + (host == null ? "unknown" : host);
    }

    private String custom(String identifier, ContainerRequestContext context) {
        String identity = resolvers.select(Identifier.Literal.of(identifier)).get().resolve(context);
        return identity == null || identity.isEmpty() ? null : "custom:" + identity;
    }

    private static String sha256(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
