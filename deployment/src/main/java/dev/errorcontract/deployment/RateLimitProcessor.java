package dev.errorcontract.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.jboss.jandex.AnnotationInstance;

import dev.errorcontract.deployment.ResourceMethodsBuildItem.ResourceMethod;
import dev.errorcontract.runtime.ratelimit.RateLimitFilters;
import dev.errorcontract.runtime.ratelimit.RateLimitRecorder;
import dev.errorcontract.runtime.ratelimit.RateLimitedMethod;
import dev.errorcontract.runtime.ratelimit.RateLimitedMethods;
import dev.errorcontract.runtime.ratelimit.RateLimiter;
import dev.errorcontract.runtime.ratelimit.RedisRateLimitStore;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.builder.item.SimpleBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.resteasy.reactive.spi.ContainerRequestFilterBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerResponseFilterBuildItem;

/**
 * {@code @RateLimited}: which resource methods are limited by which bucket, the check before them and the headers
 * after them. The buckets themselves are run-time configuration: {@link RateLimiter} checks at start-up that every
 * bucket named here is configured.
 */
class RateLimitProcessor {

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
    void registerFilters(BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ContainerRequestFilterBuildItem> requestFilters,
            BuildProducer<ContainerResponseFilterBuildItem> responseFilters) {
        beans.produce(AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClasses(RateLimiter.class, RateLimitFilters.Check.class, RateLimitFilters.Headers.class).build());
        requestFilters.produce(new ContainerRequestFilterBuildItem.Builder(RateLimitFilters.Check.class.getName())
                .setPriority(CHECK_PRIORITY).setRegisterAsBean(true).build());
        responseFilters.produce(new ContainerResponseFilterBuildItem.Builder(RateLimitFilters.Headers.class.getName())
                .setRegisterAsBean(true).build());
    }

    @BuildStep
    void registerRedisStore(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        RedisStores.register(capabilities, RedisRateLimitStore.class, beans);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem recordRateLimitedMethods(RateLimitRecorder recorder, RateLimitedMethodsBuildItem methods) {
        return SyntheticBeanBuildItem.configure(RateLimitedMethods.class).scope(Singleton.class).unremovable()
                .supplier(recorder.methods(new ArrayList<>(methods.byMethod.values()))).done();
    }
}
