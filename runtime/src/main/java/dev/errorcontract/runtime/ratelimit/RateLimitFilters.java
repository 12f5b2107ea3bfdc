package dev.errorcontract.runtime.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import dev.errorcontract.ApiError;
import dev.errorcontract.runtime.devui.DevActivity;
import dev.errorcontract.runtime.identity.CallerIdentities;
import dev.errorcontract.runtime.metrics.ContractMetrics;
import dev.errorcontract.runtime.server.ErrorResponses;
import dev.errorcontract.runtime.server.FailureClassifier;
import dev.errorcontract.runtime.server.RoutingContexts;
import io.quarkus.arc.WithCaching;
import io.vertx.ext.web.RoutingContext;

/** Checks the rate limit of a resource method before it runs, and writes the rate-limit headers of its response. */
public final class RateLimitFilters {

    static final String DECISION = RateLimitDecision.class.getName();
    /** The Retry-After of a request refused because the store failed (on-failure=reject): no wait is known. */
    private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(1);

    private RateLimitFilters() {
    }

    /**
     * Quarkus REST creates filters while the application starts, before run-time configuration exists: the filters
     * look their collaborators up on first use.
     */
    @Singleton
    public static class Check implements ResteasyReactiveContainerRequestFilter {

        private final Instance<RateLimiter> limiter;
        private final Instance<CallerIdentities> identities;
        private final Instance<ErrorResponses> responses;
        private final Instance<ContractMetrics> metrics;
        /** Only in dev mode, for the Dev UI card; otherwise {@code null}. */
        private final DevActivity devActivity;

        Check(@WithCaching Instance<RateLimiter> limiter, @WithCaching Instance<CallerIdentities> identities,
                @WithCaching Instance<ErrorResponses> responses,
                @WithCaching Instance<ContractMetrics> metrics, Instance<DevActivity> devActivity) {
            this.limiter = limiter;
            this.identities = identities;
            this.responses = responses;
            this.metrics = metrics;
            this.devActivity = devActivity.isResolvable() ? devActivity.get() : null;
        }

        @Override
        public void filter(ResteasyReactiveContainerRequestContext context) {
            ResteasyReactiveResourceInfo resource = context.getServerRequestContext().getResteasyReactiveResourceInfo();
            if (resource == null) {
                return;
            }
            RateLimiter rateLimiter = limiter.get();
            BucketDefinition bucket = rateLimiter.bucketFor(resource);
            if (bucket == null) {
                return;
            }
            RoutingContext routingContext = RoutingContexts.of(context.getServerRequestContext());
            CallerIdentities callers = identities.get();
            String identity = callers.identifyNow(bucket.identity(), context);
            RateLimitDecision known = identity == null ? null : rateLimiter.decideNow(bucket, identity);
            if (known != null) { // the local store, or a caller Redis refused until later: no waiting, no suspending
                noteCaller(identity, routingContext);
                apply(context, routingContext, rateLimiter, known);
                return;
            }
            // authenticating lazily or asking Redis takes a while: without blocking, then resume (a suspended request
            // resumed while the filter still runs simply goes on). A credential the application's security refuses
            // (lazy authentication: the question "who is this?" runs it) fails the identity: the request resumes with
            // that failure, the contract's 401, before any bucket is touched
            context.suspend();
            if (identity != null) {
                noteCaller(identity, routingContext);
                consume(context, routingContext, rateLimiter, bucket, identity);
            } else {
                callers.identify(bucket.identity(), context).subscribe().with(caller -> {
                    noteCaller(caller, routingContext);
                    consume(context, routingContext, rateLimiter, bucket, caller);
                }, context::resume);
            }
        }

        /** Asks the store for a permit and resumes the suspended request with its decision. */
        private void consume(ResteasyReactiveContainerRequestContext context, RoutingContext routingContext,
                RateLimiter rateLimiter, BucketDefinition bucket, String identity) {
            rateLimiter.tryConsume(bucket, identity).onComplete(result -> {
                RateLimitDecision decision = result.result();
                // abortWith resumes a suspended request itself: resuming it again would run the chain twice
                if (result.failed()) {
                    context.resume(result.cause());
                } else if (decision == null) { // the store failed and on-failure=reject
                    context.abortWith(responses.get().toResponse(
                            FailureClassifier.unavailable(STORE_RETRY_AFTER).error(), Map.of(), null, routingContext));
                } else if (!apply(context, routingContext, rateLimiter, decision)) {
                    context.resume();
                }
            });
        }

        private void noteCaller(String identity, RoutingContext routingContext) {
            if (devActivity != null) {
                devActivity.caller(identity, RoutingContexts.principalName(routingContext));
            }
        }

        /** @return whether the request was aborted (and so, when it was suspended, resumed) */
        private boolean apply(ResteasyReactiveContainerRequestContext context, RoutingContext routingContext,
                RateLimiter rateLimiter, RateLimitDecision decision) {
            if (decision == RateLimiter.ALLOWED_UNCOUNTED) {
                return false;
            }
            metrics.get().rateLimit(decision.bucket(), decision.allowed());
            if (devActivity != null) {
                devActivity.rateLimit(decision.bucket(), decision.allowed());
            }
            if (!decision.allowed()) {
                // the 429 carries its headers already: no DECISION for the response filter to write them again
                context.abortWith(responses.get().toResponse(rejection(decision),
                        RateLimitHeaders.of(decision, rateLimiter.headerStyle()), null, routingContext));
                return true;
            }
            context.setProperty(DECISION, decision);
            return false;
        }

        static ApiError rejection(RateLimitDecision decision) {
            return FailureClassifier.rateLimited(Duration.ofSeconds(decision.retryAfterSeconds())).error();
        }
    }

    @Singleton
    public static class Headers implements ContainerResponseFilter {

        private final Instance<RateLimiter> limiter;

        Headers(@WithCaching Instance<RateLimiter> limiter) {
            this.limiter = limiter;
        }

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            // only an allowed request has a DECISION (a refusal's 429 carries its headers already); a 429 after it
            // is another limiter's (SmallRye Fault Tolerance's @RateLimit): this bucket's permits left would
            // contradict it, and its Retry-After says what the caller needs
            if (request.getProperty(DECISION) instanceof RateLimitDecision decision && response.getStatus() != 429) {
                for (Map.Entry<String, List<String>> header : RateLimitHeaders.of(decision, limiter.get().headerStyle())
                        .entrySet()) {
                    response.getHeaders().putSingle(header.getKey(), header.getValue().get(0));
                }
            }
        }
    }
}
