package dev.errorcontract.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.logging.Logger;

import dev.errorcontract.deployment.ResourceMethodsBuildItem.ResourceMethod;
import dev.errorcontract.runtime.ratelimit.RateLimitFilters;
import dev.errorcontract.runtime.ratelimit.RateLimitRecorder;
import dev.errorcontract.runtime.ratelimit.RateLimitedMethod;
import dev.errorcontract.runtime.ratelimit.RateLimitedMethods;
import dev.errorcontract.runtime.ratelimit.RateLimiter;
import dev.errorcontract.runtime.ratelimit.RedisClientOptions;
import dev.errorcontract.runtime.ratelimit.RedisFlushConsolidation;
import dev.errorcontract.runtime.ratelimit.RedisRateLimitStore;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.builder.item.SimpleBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerRequestFilterBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerResponseFilterBuildItem;

/**
 * {@code @RateLimited}: which resource methods are limited by which bucket, the check before them and the headers
 * after them. The buckets themselves are run-time configuration: {@link RateLimiter} checks at start-up that every
 * bucket named here is configured.
 */
class RateLimitProcessor {

    private static final Logger LOG = Logger.getLogger(RateLimitProcessor.class);

    /** After authentication and authorization, before the application's own filters. */
    static final int CHECK_PRIORITY = Priorities.USER - 1000;

    /** The rate-limited resource methods; an exempt method is not listed. */
    static final class RateLimitedMethodsBuildItem extends SimpleBuildItem {
        final Map<ResourceMethod, RateLimitedMethod> byMethod;

        RateLimitedMethodsBuildItem(Map<ResourceMethod, RateLimitedMethod> byMethod) {
            this.byMethod = byMethod;
        }

        /** How a resource method is limited, or {@code null} when it is exempt. */
        RateLimitedMethod of(ResourceMethod method) {
            return byMethod.get(method);
        }
    }

    /**
     * {@code @RateLimited} on the method (or a method it implements) wins, then {@code @RateLimited.Exempt} there,
     * then the same two on the class (or a superclass or interface); without any, the default bucket applies.
     */
    @BuildStep
    RateLimitedMethodsBuildItem resolveRateLimitedMethods(ResourceMethodsBuildItem resources) {
        Map<ResourceMethod, RateLimitedMethod> byMethod = new LinkedHashMap<>();
        for (ResourceMethod method : resources.methods) {
            AnnotationInstance limited = method.methodAnnotation(DotNames.RATE_LIMITED);
            boolean exempt = limited == null && method.methodAnnotation(DotNames.RATE_LIMIT_EXEMPT) != null;
            if (limited == null && !exempt) {
                limited = method.classAnnotation(DotNames.RATE_LIMITED);
                exempt = limited == null && method.classAnnotation(DotNames.RATE_LIMIT_EXEMPT) != null;
            }
            if (!exempt) {
                byMethod.put(method, new RateLimitedMethod(method.key(), method.httpMethod(), method.path(),
                        limited == null ? null : limited.value("bucket").asString()));
            }
        }
        return new RateLimitedMethodsBuildItem(byMethod);
    }

    @BuildStep
    void registerFilters(CombinedIndexBuildItem index, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ContainerRequestFilterBuildItem> requestFilters,
            BuildProducer<ContainerResponseFilterBuildItem> responseFilters) {
        beans.produce(AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClasses(RateLimiter.class, RateLimitFilters.Check.class, RateLimitFilters.Headers.class).build());
        // on the event loop, before a blocking resource method is sent to a worker thread: a refused request never
        // takes a worker, and a Redis check waits without holding one. Quarkus REST allows that only when no
        // worker-thread filter comes before it; then the check stays where its priority puts it, on the worker
        List<String> earlier = workerFiltersBeforeTheCheck(index.getIndex());
        if (!earlier.isEmpty() && !index.getIndex().getAnnotations(DotNames.RATE_LIMITED).isEmpty()) {
            LOG.infof("The rate-limit check runs on the worker thread of blocking resource methods, so refused requests "
                    + "take a worker thread too: these request filters come before it and run on the worker thread "
                    + "(make them non-blocking, or give them a priority after %d, to answer refusals from the event "
                    + "loop):%n  %s", CHECK_PRIORITY, String.join("\n  ", earlier));
        }
        requestFilters.produce(new ContainerRequestFilterBuildItem.Builder(RateLimitFilters.Check.class.getName())
                .setPriority(CHECK_PRIORITY).setNonBlockingRequired(earlier.isEmpty()).setRegisterAsBean(true).build());
        responseFilters.produce(new ContainerResponseFilterBuildItem.Builder(RateLimitFilters.Headers.class.getName())
                .setRegisterAsBean(true).build());
    }

    /**
     * The request filters that run on the worker thread of a blocking method and before the check: pre-matching ones,
     * and the others with a lower priority. Quarkus REST fails the build when an event-loop filter comes after one.
     */
    private static List<String> workerFiltersBeforeTheCheck(IndexView index) {
        List<String> earlier = new ArrayList<>();
        for (ClassInfo filter : index.getAllKnownImplementors(DotNames.CONTAINER_REQUEST_FILTER)) {
            if (!filter.hasDeclaredAnnotation(DotNames.PROVIDER) || filter.hasDeclaredAnnotation(DotNames.NON_BLOCKING)) {
                continue;
            }
            AnnotationInstance priorityAnnotation = filter.declaredAnnotation(DotNames.PRIORITY);
            int priority = priorityAnnotation == null ? Priorities.USER : priorityAnnotation.value().asInt();
            boolean preMatching = filter.hasDeclaredAnnotation(DotNames.PRE_MATCHING);
            if (preMatching || priority < CHECK_PRIORITY) {
                earlier.add(filter.name() + " (" + (preMatching ? "pre-matching, " : "") + "priority " + priority + ")");
            }
        }
        for (AnnotationInstance filter : index.getAnnotations(DotNames.SERVER_REQUEST_FILTER)) {
            AnnotationValue nonBlocking = filter.value("nonBlocking");
            if (nonBlocking != null && nonBlocking.asBoolean()) {
                continue;
            }
            AnnotationValue priorityValue = filter.value("priority");
            int priority = priorityValue == null ? Priorities.USER : priorityValue.asInt();
            AnnotationValue preMatchingValue = filter.value("preMatching");
            boolean preMatching = preMatchingValue != null && preMatchingValue.asBoolean();
            if (preMatching || priority < CHECK_PRIORITY) {
                MethodInfo method = filter.target().asMethod();
                earlier.add(method.declaringClass().name() + "#" + method.name() + " ("
                        + (preMatching ? "pre-matching, " : "") + "priority " + priority + ")");
            }
        }
        return earlier;
    }

    @BuildStep
    void registerRedisStore(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ReflectiveClassBuildItem> reflection) {
        RedisStores.register(capabilities, RedisRateLimitStore.class, beans);
        if (capabilities.isPresent(Capability.REDIS_CLIENT)) {
            // implements an interface of the Redis client: its class is loaded only when the client is there
            beans.produce(AdditionalBeanBuildItem.unremovableOf(RedisClientOptions.class));
            // the fields the store reaches its connections' channels through (constants: the class is not loaded here)
            reflection.produce(ReflectiveClassBuildItem.builder(RedisFlushConsolidation.POOLED_CONNECTION,
                    RedisFlushConsolidation.STANDALONE_CONNECTION).reason(RateLimitProcessor.class.getName()).fields()
                    .build());
        }
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem recordRateLimitedMethods(RateLimitRecorder recorder, RateLimitedMethodsBuildItem methods) {
        return SyntheticBeanBuildItem.configure(RateLimitedMethods.class).scope(Singleton.class).unremovable()
                .supplier(recorder.methods(new ArrayList<>(methods.byMethod.values()))).done();
    }
}
