package dev.errorcontract.runtime.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.spi.AsyncExceptionMapperContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveAsyncExceptionMapper;

import io.quarkus.security.ForbiddenException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus security failures by the contract: 401 with the authentication mechanism's challenge
 * ({@code WWW-Authenticate}), 403, or 404 when forbidden resources are concealed. Active with quarkus-security.
 */
@Singleton
public class SecurityExceptionMapper implements ResteasyReactiveAsyncExceptionMapper<RuntimeException> {

    private final ErrorResponses responses;

    SecurityExceptionMapper(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public void asyncResponse(RuntimeException exception, AsyncExceptionMapperContext context) {
        RoutingContext routingContext = RoutingContexts.of(context.serverRequestContext());
        if (exception instanceof ForbiddenException) {
            context.setResponse(responses.toResponse(exception, context.serverRequestContext()));
            return;
        }
        HttpAuthenticator authenticator = routingContext == null ? null
                : routingContext.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            context.setResponse(unauthorized(Map.of(), routingContext));
            return;
        }
        context.suspend();
        authenticator.getChallenge(routingContext).subscribe().with(challenge -> {
            context.setResponse(challengeResponse(challenge, routingContext));
            context.resume();
        }, failure -> {
            context.setResponse(unauthorized(Map.of(), routingContext));
            context.resume();
        });
    }

    private Response challengeResponse(ChallengeData challenge, RoutingContext routingContext) {
        if (challenge == null) {
            return unauthorized(Map.of(), routingContext);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        challenge.getHeaders().forEach((name, value) -> headers.put(name.toString(), List.of(value)));
        if (challenge.status != 401) {
            // a redirect to a login page, for example: not an API error
            Response.ResponseBuilder redirect = Response.status(challenge.status);
            headers.forEach((name, values) -> values.forEach(value -> redirect.header(name, value)));
            return redirect.build();
        }
        return unauthorized(headers, routingContext);
    }

    private Response unauthorized(Map<String, List<String>> headers, RoutingContext routingContext) {
        return responses.toResponse(FailureClassifier.simple(401, null).error(), headers, null, routingContext);
    }
}
