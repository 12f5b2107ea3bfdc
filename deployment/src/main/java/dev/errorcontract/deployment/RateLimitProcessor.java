package dev.errorcontract.deployment;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;

import dev.errorcontract.deployment.ResourceMethodsBuildItem.ResourceMethod;
import dev.errorcontract.runtime.ratelimit.RateLimitFilters;
import dev.errorcontract.runtime.ratelimit.RateLimitRecorder;
import dev.errorcontract.runtime.ratelimit.RateLimitedMethods;
import dev.errorcontract.runtime.ratelimit.RedisRateLimitStore;
import dev.errorcontract.runtime.ratelimit.RateLimiter;
import dev.errorcontract.runtime.server.ResourceMethodKey;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
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
 * after them.
 */
class RateLimitProcessor {

    /** After authentication and authorization, before the application's own filters. */
    static final int CHECK_PRIORITY = Priorities.USER - 1000;

    private static final Pattern BUCKET_PROPERTY = Pattern
            .compile("quarkus\\.error-contract\\.rate-limit\\.buckets\\.(\"[^\"]+\"|[^.\"]+)\\..*");

    /** The resource methods and their bucket ({@link RateLimitedMethods#DEFAULT_BUCKET} where the default applies). */
    static final class RateLimitedMethodsBuildItem extends SimpleBuildItem {
        final Map<ResourceMethod, String> bucketByMethod;

        RateLimitedMethodsBuildItem(Map<ResourceMethod, String> bucketByMethod) {
            this.bucketByMethod = bucketByMethod;
        }

        /** The bucket of a resource method, {@link RateLimitedMethods#DEFAULT_BUCKET}, or {@code null} when exempt. */
        String bucketOf(ResourceMethod method) {
            return bucketByMethod.get(method);
        }
    }

    /**
     * {@code @RateLimited} on the method (or a method it implements) wins, then {@code @RateLimited.Exempt} there,
     * then the same two on the class (or a superclass or interface); without any, the default bucket applies.
     */
    @BuildStep
    RateLimitedMethodsBuildItem resolveRateLimitedMethods(ResourceMethodsBuildItem resources) {
        Map<ResourceMethod, String> bucketByMethod = new LinkedHashMap<>();
        for (ResourceMethod method : resources.methods) {
            AnnotationInstance limited = method.methodAnnotation(DotNames.RATE_LIMITED);
            boolean exempt = limited == null && method.methodAnnotation(DotNames.RATE_LIMIT_EXEMPT) != null;
            if (limited == null && !exempt) {
                limited = method.classAnnotation(DotNames.RATE_LIMITED);
                exempt = limited == null && method.classAnnotation(DotNames.RATE_LIMIT_EXEMPT) != null;
            }
            if (limited != null) {
                bucketByMethod.put(method, limited.value("bucket").asString());
            } else if (!exempt) {
                bucketByMethod.put(method, RateLimitedMethods.DEFAULT_BUCKET);
            }
        }
        return new RateLimitedMethodsBuildItem(bucketByMethod);
    }

    @BuildStep
    void validateBucketNames(ValidationPhaseBuildItem validationPhase, RateLimitedMethodsBuildItem methods,
            BuildProducer<ValidationErrorBuildItem> errors) {
        Set<String> configured = configuredBucketNames();
        methods.bucketByMethod.forEach((method, bucket) -> {
            if (!RateLimitedMethods.DEFAULT_BUCKET.equals(bucket) && !configured.contains(bucket)) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException("@RateLimited(bucket = \"" + bucket
                        + "\") on " + method.javaName() + " (" + method.operation() + "): no bucket '" + bucket
                        + "' is configured; add "
                        + "quarkus.error-contract.rate-limit.buckets." + bucket + ".limits[0].permits and .period"
                        + (configured.isEmpty() ? "" : " (configured buckets: " + String.join(", ", configured) + ")"))));
            }
        });
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
    void registerRedisStore(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ValidationErrorBuildItem> errors) {
        RedisStores.register(capabilities, "quarkus.error-contract.rate-limit.store", RedisRateLimitStore.class, beans,
                errors);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem recordRateLimitedMethods(RateLimitRecorder recorder, RateLimitedMethodsBuildItem methods) {
        return SyntheticBeanBuildItem.configure(RateLimitedMethods.class).scope(Singleton.class).unremovable()
                .supplier(recorder.methods(keyed(methods.bucketByMethod))).done();
    }

    private static Map<ResourceMethodKey, String> keyed(Map<ResourceMethod, String> bucketByMethod) {
        Map<ResourceMethodKey, String> keyed = new HashMap<>();
        bucketByMethod.forEach((method, bucket) -> keyed.put(method.key(), bucket));
        return keyed;
    }

    /** The buckets declared in the build's configuration (application.properties and the like). */
    private static Set<String> configuredBucketNames() {
        Set<String> names = new TreeSet<>();
        for (String property : ConfigProvider.getConfig().getPropertyNames()) {
            Matcher matcher = BUCKET_PROPERTY.matcher(property);
            if (matcher.matches()) {
                names.add(matcher.group(1).replace("\"", ""));
            }
        }
        return names;
    }
}
