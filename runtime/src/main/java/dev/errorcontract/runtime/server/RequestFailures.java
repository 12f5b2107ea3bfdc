package dev.errorcontract.runtime.server;

import java.time.Duration;

import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import dev.errorcontract.FieldError;
import io.vertx.ext.web.RoutingContext;

/** What the classifier needs to know about a failure of a Quarkus REST request: its phase and its bad parameter. */
final class RequestFailures {

    private RequestFailures() {
    }

    static FailureClassifier.Failure of(Throwable failure, ServerRequestContext context, ParameterSources sources) {
        if (!(context instanceof ResteasyReactiveRequestContext request)) {
            return new FailureClassifier.Failure(failure, FailureClassifier.Phase.RESOURCE);
        }
        if (Boolean.TRUE.equals(request.getProperty(ResourceInvoked.PROPERTY))) {
            return new FailureClassifier.Failure(failure, FailureClassifier.Phase.RESOURCE, null,
                    FailureClassifier.isA(failure, OPEN_BREAKER) ? Breakers.delay(request) : null);
        }
        if (request.getTarget() == null) {
            return new FailureClassifier.Failure(failure, FailureClassifier.Phase.ROUTING);
        }
        FieldError badParameter = failure instanceof WebApplicationException && failure.getCause() != null
                && !(failure.getCause() instanceof WebApplicationException)
                        ? badParameter(request, sources)
                        : null;
        return new FailureClassifier.Failure(failure, FailureClassifier.Phase.READING, badParameter, null);
    }

    private static final String OPEN_BREAKER = "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException";

    /**
     * The parameter Quarkus REST could not convert: the first declared parameter that the request sends but that has
     * no value yet (parameters are converted in order, and conversion stops at the first failure); for a
     * {@code @BeanParam}, the member whose value its converter refuses.
     */
    private static FieldError badParameter(ResteasyReactiveRequestContext request, ParameterSources sources) {
        ResteasyReactiveResourceInfo info = request.getResteasyReactiveResourceInfo();
        RoutingContext routing = request.unwrap(RoutingContext.class);
        if (info == null || routing == null) {
            return null;
        }
        Object[] values = request.getParameters();
        Class<?>[] types = info.getParameterTypes();
        for (int index = 0; index < types.length; index++) {
            if (index < values.length && values[index] != null) {
                continue;
            }
            ParameterSources.Source source = find(sources, info.getResourceClass(), info.getName(), index);
            if (source == null) {
                FieldError member = BeanParams.badMember(types[index], request, sources);
                if (member != null) {
                    return member;
                }
            } else if (isSent(routing, source)) {
                return FieldError.parameter(source.in(), source.name(), "invalid_type", null);
            }
        }
        return null;
    }

    /** The parameter's source where it is declared: the resource class, a superclass or a {@code @Path} interface. */
    private static ParameterSources.Source find(ParameterSources sources, Class<?> type, String method, int index) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            ParameterSources.Source source = sources.find(current.getName(), method, index);
            if (source != null) {
                return source;
            }
            for (Class<?> implemented : current.getInterfaces()) {
                source = find(sources, implemented, method, index);
                if (source != null) {
                    return source;
                }
            }
        }
        return null;
    }

    private static boolean isSent(RoutingContext routing, ParameterSources.Source source) {
        return switch (source.in()) {
            case FieldError.IN_QUERY -> !routing.queryParam(source.name()).isEmpty();
            case FieldError.IN_HEADER -> routing.request().getHeader(source.name()) != null;
            case FieldError.IN_PATH -> true;
            case FieldError.IN_COOKIE -> routing.request().getCookie(source.name()) != null;
            case FieldError.IN_FORM -> routing.request().getFormAttribute(source.name()) != null;
            default -> false;
        };
    }

    /** Fault tolerance's annotations, only touched when a circuit breaker is open (the library is optional). */
    private static final class Breakers {

        /** The delay of the resource method's (or class's) {@code @CircuitBreaker}. */
        static Duration delay(ResteasyReactiveRequestContext request) {
            ResteasyReactiveResourceInfo info = request.getResteasyReactiveResourceInfo();
            if (info == null) {
                return null;
            }
            CircuitBreaker breaker = null;
            for (java.lang.annotation.Annotation annotation : info.getAnnotations()) {
                if (annotation instanceof CircuitBreaker found) {
                    breaker = found;
                }
            }
            if (breaker == null) {
                breaker = info.getResourceClass()
                        .getAnnotation(CircuitBreaker.class);
            }
            if (breaker == null) {
                return null;
            }
            return Duration.of(breaker.delay(), breaker.delayUnit());
        }
    }
}
