package dev.errorcontract.deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import dev.errorcontract.RateLimited;
import dev.errorcontract.ratelimit.RateLimitFilters;
import dev.errorcontract.ratelimit.RateLimitRecorder;
import dev.errorcontract.ratelimit.RateLimitedMethods;
import dev.errorcontract.ratelimit.RedisRateLimitStore;
import dev.errorcontract.ratelimit.RateLimiter;
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
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerRequestFilterBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerResponseFilterBuildItem;

/**
 * {@code @RateLimited}: which resource methods are limited by which bucket, the check before them and the headers
 * after them.
 */
class RateLimitProcessor {

    /** After authentication and authorization, before the application's own filters. */
    static final int CHECK_PRIORITY = Priorities.USER - 1000;

    private static final DotName RATE_LIMITED = DotName.createSimple(RateLimited.class);
    private static final DotName EXEMPT = DotName.createSimple(RateLimited.Exempt.class);
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final List<DotName> HTTP_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
            .stream().map(method -> DotName.createSimple("jakarta.ws.rs." + method)).toList();
    private static final Pattern BUCKET_PROPERTY = Pattern
            .compile("quarkus\\.error-contract\\.rate-limit\\.buckets\\.(\"[^\"]+\"|[^.\"]+)\\..*");

    /** The resource methods and their bucket ({@link RateLimitedMethods#DEFAULT_BUCKET} where the default applies). */
    static final class RateLimitedMethodsBuildItem extends SimpleBuildItem {
        final Map<String, String> bucketByMethod;
        /** Explicit buckets and where they are named, for validation. */
        final Map<String, String> annotatedBy;

        RateLimitedMethodsBuildItem(Map<String, String> bucketByMethod, Map<String, String> annotatedBy) {
            this.bucketByMethod = bucketByMethod;
            this.annotatedBy = annotatedBy;
        }
    }

    @BuildStep
    RateLimitedMethodsBuildItem resolveRateLimitedMethods(CombinedIndexBuildItem combinedIndex) {
        IndexView index = combinedIndex.getIndex();
        Map<String, String> bucketByMethod = new HashMap<>();
        Map<String, String> annotatedBy = new HashMap<>();
        for (DotName httpMethod : HTTP_METHODS) {
            for (AnnotationInstance annotation : index.getAnnotations(httpMethod)) {
                if (annotation.target().kind() != AnnotationTarget.Kind.METHOD) {
                    continue;
                }
                MethodInfo method = annotation.target().asMethod();
                ClassInfo resource = method.declaringClass();
                if (!resource.hasDeclaredAnnotation(PATH) || resource.isInterface()) {
                    continue;
                }
                String key = RateLimitedMethods.key(resource.name().toString(), method.name());
                AnnotationInstance limited = method.declaredAnnotation(RATE_LIMITED);
                if (limited == null && !method.hasDeclaredAnnotation(EXEMPT)) {
                    limited = resource.declaredAnnotation(RATE_LIMITED);
                }
                if (limited != null) {
                    String bucket = limited.value("bucket").asString();
                    bucketByMethod.put(key, bucket);
                    annotatedBy.put(resource.name() + "#" + method.name(), bucket);
                } else if (!method.hasDeclaredAnnotation(EXEMPT) && !resource.hasDeclaredAnnotation(EXEMPT)) {
                    bucketByMethod.put(key, RateLimitedMethods.DEFAULT_BUCKET);
                }
            }
        }
        return new RateLimitedMethodsBuildItem(bucketByMethod, annotatedBy);
    }

    @BuildStep
    void validateBucketNames(ValidationPhaseBuildItem validationPhase, RateLimitedMethodsBuildItem methods,
            BuildProducer<ValidationErrorBuildItem> errors) {
        Set<String> configured = configuredBucketNames();
        new java.util.TreeMap<>(methods.annotatedBy).forEach((method, bucket) -> {
            if (!configured.contains(bucket)) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException("@RateLimited(bucket = \"" + bucket
                        + "\") on " + method + ": no bucket '" + bucket + "' is configured; add "
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
                .supplier(recorder.methods(methods.bucketByMethod)).done();
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
