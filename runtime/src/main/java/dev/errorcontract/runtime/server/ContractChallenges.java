package dev.errorcontract.runtime.server;

import java.util.Set;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Makes the 401s that Quarkus's HTTP security sends itself follow the contract. Runs after authentication and before
 * the HTTP permission check, and puts in the request's routing context, under the key Quarkus reads, the mechanism
 * that challenges the caller: a permission policy that denies an anonymous caller sends the contract's 401, with the
 * real mechanism's {@code WWW-Authenticate}.
 * <p>
 * A failed authentication needs nothing here. Quarkus REST's authentication failure handler fails the routing context
 * with it, which {@link HttpFailureHandler} renders (proactive authentication, or a lazy one that an HTTP permission
 * policy asks for); and while Quarkus REST processes a request it removes that handler, so that a lazy authentication
 * that fails there (a security annotation, the rate limit's question "who is this?", the application's own code)
 * fails the one who asked and reaches the exception mappers. Wrapping that handler would keep Quarkus REST from
 * removing it, and a second answer would race the first.
 */
final class ContractChallenges implements Handler<RoutingContext> {

    /** The mechanism HttpAuthenticator asks for the challenge when one is set. */
    static final String CHALLENGING_MECHANISM = HttpAuthenticationMechanism.class.getName();

    @Override
    public void handle(RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (authenticator != null) {
            HttpAuthenticationMechanism selected = context.get(CHALLENGING_MECHANISM);
            if (!(selected instanceof Challenger)) {
                context.put(CHALLENGING_MECHANISM, new Challenger(selected, authenticator));
            }
        }
        context.next();
    }

    /** Challenges as the real mechanism does, with the contract's body. */
    static final class Challenger implements HttpAuthenticationMechanism {

        private final HttpAuthenticationMechanism selected;
        private final HttpAuthenticator authenticator;

        Challenger(HttpAuthenticationMechanism selected, HttpAuthenticator authenticator) {
            this.selected = selected;
            this.authenticator = authenticator;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
            return selected == null ? Uni.createFrom().nullItem() : selected.authenticate(context, identityProviderManager);
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            if (selected != null) {
                return selected.getChallenge(context);
            }
            // the authenticator picks the mechanisms when none is set: step aside while it does
            context.remove(CHALLENGING_MECHANISM);
            try {
                return authenticator.getChallenge(context);
            } finally {
                context.put(CHALLENGING_MECHANISM, this);
            }
        }

        @Override
        public Uni<Boolean> sendChallenge(RoutingContext context) {
            return getChallenge(context).map(challenge -> {
                if (challenge == null) {
                    return false;
                }
                if (challenge.status != 401) {
                    // a redirect to a login page, for example: not an API error
                    context.response().setStatusCode(challenge.status);
                    challenge.getHeaders().forEach((name, value) -> context.response().headers().set(name, value));
                    return true;
                }
                ErrorResponses responses = Arc.container().instance(ErrorResponses.class).get();
                responses.write(FailureClassifier.simple(401, null).error(), HttpFailureHandler.headers(challenge), null,
                        context);
                return true;
            });
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return selected == null ? Set.of() : selected.getCredentialTypes();
        }
    }

}
