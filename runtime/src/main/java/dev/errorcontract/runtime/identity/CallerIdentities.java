package dev.errorcontract.runtime.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import dev.errorcontract.CallerIdentityResolver;
import dev.errorcontract.runtime.config.IdempotencyConfig;
import dev.errorcontract.runtime.config.IdentityConfig;
import dev.errorcontract.runtime.config.RateLimitConfig;
import dev.errorcontract.runtime.server.RoutingContexts;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves caller identities for rate limiting and idempotency scoping. An identity is a string with a prefix that
 * says where it came from ({@code key:}, {@code principal:}, {@code addr:}, {@code custom:}), so that the same text
 * from two sources never shares state. API keys are kept only as a hash.
 * <p>
 * An API key or a principal counts only when the application's security authenticated the request: a caller cannot
 * buy a fresh bucket by inventing API keys, since a key nobody accepted is counted by client address. The client
 * address is the one Quarkus resolved: {@code X-Forwarded-For} and {@code Forwarded} count only when
 * {@code quarkus.http.proxy.proxy-address-forwarding} is on and the proxy is in {@code quarkus.http.proxy.trusted-proxies}.
 * <p>
 * Every identity setting is checked when the application starts.
 */
@ApplicationScoped
@Startup
public class CallerIdentities {

    private static final Logger LOG = Logger.getLogger("dev.errorcontract.identity");

    private final Instance<CallerIdentityResolver> resolvers;
    private final IdentityConfig config;

    CallerIdentities(@Any Instance<CallerIdentityResolver> resolvers, IdentityConfig config, RateLimitConfig rateLimits,
            IdempotencyConfig idempotency, Instance<IdentityProviderManager> security) {
        this.resolvers = resolvers;
        this.config = config;
        Map<String, String> settings = new LinkedHashMap<>();
        rateLimits.buckets().forEach((name, bucket) -> settings
                .put("quarkus.error-contract.rate-limit.buckets.\"" + name + "\".identity", bucket.identity()));
        settings.put("quarkus.error-contract.idempotency.identity", idempotency.identity());
        settings.forEach(this::check);
        if (!security.isResolvable() && settings.containsValue(IdentitySource.API_KEY)) {
            LOG.warnf("The application has no security extension, so no API key is ever authenticated: identities "
                    + "of type api-key (%s) count every caller by client address",
                    String.join(", ",
                            settings.entrySet().stream().filter(e -> e.getValue().equals(IdentitySource.API_KEY))
                                    .map(Map.Entry::getKey).toList()));
        }
    }

    private void check(String property, String source) {
        if (!IdentitySource.isValid(source)) {
            throw new ConfigurationException(property + "='" + source
                    + "' is not one of api-key, principal, address, resolver:<identifier>");
        }
        if (source.startsWith(IdentitySource.RESOLVER_PREFIX) && !hasResolver(IdentitySource.resolverName(source))) {
            throw new ConfigurationException(property + "='" + source + "' names no CallerIdentityResolver bean: add "
                    + "@Identifier(\"" + IdentitySource.resolverName(source)
                    + "\") to an @ApplicationScoped bean implementing dev.errorcontract.CallerIdentityResolver");
        }
    }

    /**
     * The identity of the caller of a Quarkus REST request by the given source; the client address when the source
     * has none (no API key, no authenticated identity, a resolver answering {@code null}). Asking for an authenticated
     * identity may run the application's authentication (when it is not proactive), without blocking; when that
     * refuses the credential the caller sent (a wrong password, an API key nobody issued), the {@code Uni} fails with
     * the authentication's failure, so that the request is answered as any request whose authentication failed (the
     * contract's 401) and counts for nobody: as with proactive authentication, where Quarkus refuses it before.
     *
     * @param source {@code api-key}, {@code principal}, {@code address} or {@code resolver:<identifier>}
     */
    public Uni<String> identify(String source, ResteasyReactiveContainerRequestContext context) {
        RoutingContext routingContext = RoutingContexts.of(context.getServerRequestContext());
        HttpServerRequest request = routingContext == null ? null : routingContext.request();
        String now = identifyNow(source, context);
        if (now != null) {
            return Uni.createFrom().item(now);
        }
        // only an authenticated identity whose (lazy) authentication has not run yet gets here
        return authenticated(routingContext).map(identity -> ofAuthenticated(source, identity, context, request));
    }

    /**
     * The identity when it is known without waiting, the same as {@link #identify} would give; {@code null} while the
     * application's (lazy) authentication has not run yet: then only {@link #identify} can tell.
     */
    public String identifyNow(String source, ResteasyReactiveContainerRequestContext context) {
        RoutingContext routingContext = RoutingContexts.of(context.getServerRequestContext());
        HttpServerRequest request = routingContext == null ? null : routingContext.request();
        switch (source) {
            case IdentitySource.ADDRESS:
                return address(request);
            case IdentitySource.API_KEY, IdentitySource.PRINCIPAL:
                if (routingContext == null) {
                    return address(null);
                }
                // once authentication finished (proactively, or lazily when asked), the user is set; without a
                // deferred identity nobody authenticates this request at all
                SecurityIdentity identity;
                if (routingContext.user() instanceof QuarkusHttpUser user) {
                    identity = user.getSecurityIdentity().isAnonymous() ? null : user.getSecurityIdentity();
                } else if (routingContext.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY) == null) {
                    identity = null;
                } else {
                    return null;
                }
                return ofAuthenticated(source, identity, context, request);
            default:
                String custom = custom(IdentitySource.resolverName(source), context);
                return custom != null ? custom : address(request);
        }
    }

    /**
     * The identity as far as it is known without waiting: as {@link #identify}, but where the authentication has not
     * finished yet (only without proactive authentication) the caller counts by client address. A refused credential
     * throws the authentication's failure.
     */
    public String resolve(String source, ResteasyReactiveContainerRequestContext context) {
        AtomicReference<String> identity = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        identify(source, context).subscribe().with(identity::set, failure::set);
        if (failure.get() instanceof RuntimeException exception) {
            throw exception;
        }
        if (identity.get() != null) {
            return identity.get();
        }
        RoutingContext routingContext = RoutingContexts.of(context.getServerRequestContext());
        return address(routingContext == null ? null : routingContext.request());
    }

    /** The API key or principal of an authenticated identity ({@code null}: anonymous), else the client address. */
    private String ofAuthenticated(String source, SecurityIdentity identity,
            ResteasyReactiveContainerRequestContext context, HttpServerRequest request) {
        String resolved = identity == null ? null
                : source.equals(IdentitySource.API_KEY) ? apiKey(context.getHeaderString(config.apiKeyHeader()))
                        : principal(identity);
        return resolved != null ? resolved : address(request);
    }

    /** Whether a custom resolver with this identifier exists. */
    public boolean hasResolver(String identifier) {
        return resolvers.select(Identifier.Literal.of(identifier)).isResolvable();
    }

    /**
     * The identity the application's security established, or {@code null} for an anonymous one; a failure when it
     * refused the caller's credential (with proactive authentication that request never gets here).
     */
    private static Uni<SecurityIdentity> authenticated(RoutingContext routingContext) {
        if (routingContext == null) {
            return Uni.createFrom().nullItem();
        }
        return QuarkusHttpUser.getSecurityIdentity(routingContext, null)
                .map(identity -> identity == null || identity.isAnonymous() ? null : identity);
    }

    static String apiKey(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        return "key:" + sha256(key.strip());
    }

    static String principal(SecurityIdentity identity) {
        String name = identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
        return name == null || name.isEmpty() ? null : "principal:" + name;
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
