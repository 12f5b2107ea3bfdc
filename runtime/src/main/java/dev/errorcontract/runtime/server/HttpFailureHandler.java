package dev.errorcontract.runtime.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.errorcontract.ApiError;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders failures that happen outside Quarkus REST (authentication with proactive authentication, HTTP permission
 * policies, a request body over {@code quarkus.http.limits.max-body-size}, a failing Vert.x route) by the contract,
 * before Quarkus's own error page. A 401 carries the authentication mechanism's challenge.
 */
public class HttpFailureHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext context) {
        if (context.response().ended()) {
            context.next();
            return;
        }
        if (context.response().headWritten()) {
            // part of the response is sent: cut the connection so that the caller sees a truncated answer
            TruncatedResponses.abort(context);
            return;
        }
        ErrorResponses responses = Arc.container().instance(ErrorResponses.class).get();
        Throwable failure = context.failure();
        if (failure == null) {
            int status = context.statusCode() >= 400 ? context.statusCode() : 500;
            responses.write(FailureClassifier.simple(status, null).error(), Map.of(), null, context);
            return;
        }
        FailureClassifier.Classified classified = responses.classify(
                new FailureClassifier.Failure(failure, FailureClassifier.Phase.SECURITY), context);
        if (classified.error().status() == 401) {
            unauthorized(classified.error(), context);
            return;
        }
        responses.write(classified, context);
    }

    /** The contract's 401 with the challenge of the request's authentication mechanism. */
    static void unauthorized(ApiError error, RoutingContext context) {
        ErrorResponses responses = Arc.container().instance(ErrorResponses.class).get();
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            responses.write(error, Map.of(), null, context);
            return;
        }
        authenticator.getChallenge(context).subscribe().with(
                challenge -> responses.write(error, headers(challenge), null, context),
                failure -> responses.write(error, Map.of(), null, context));
    }

    static Map<String, List<String>> headers(ChallengeData challenge) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (challenge != null) {
            challenge.getHeaders().forEach((name, value) -> headers.put(name.toString(), List.of(value)));
        }
        return headers;
    }
}
