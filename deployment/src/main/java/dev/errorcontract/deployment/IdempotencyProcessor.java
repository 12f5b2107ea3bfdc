package dev.errorcontract.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.MethodInfo;

import dev.errorcontract.deployment.ResourceMethodsBuildItem.ResourceMethod;
import dev.errorcontract.runtime.idempotency.IdempotencyFilters;
import dev.errorcontract.runtime.idempotency.IdempotencyGuard;
import dev.errorcontract.runtime.idempotency.IdempotencyRecorder;
import dev.errorcontract.runtime.idempotency.IdempotentMethods;
import dev.errorcontract.runtime.idempotency.RedisIdempotencyStore;
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
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerRequestFilterBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerResponseFilterBuildItem;

/**
 * {@code @Idempotent}: which resource methods take an {@code Idempotency-Key}, the claim before them and the stored
 * response after them.
 */
class IdempotencyProcessor {

    /** After the rate-limit check: a rejected request does not claim a key. */
    static final int CHECK_PRIORITY = RateLimitProcessor.CHECK_PRIORITY + 100;

    private static final Set<String> BODY_VERBS = Set.of("POST", "PATCH");

    /** The {@code @Idempotent} resource methods and whether each requires a key. */
    static final class IdempotentMethodsBuildItem extends SimpleBuildItem {
        final Map<ResourceMethod, Boolean> requiredByMethod;

        IdempotentMethodsBuildItem(Map<ResourceMethod, Boolean> requiredByMethod) {
            this.requiredByMethod = requiredByMethod;
        }
    }

    @BuildStep
    IdempotentMethodsBuildItem resolveIdempotentMethods(ResourceMethodsBuildItem resources) {
        Map<ResourceMethod, Boolean> requiredByMethod = new LinkedHashMap<>();
        for (ResourceMethod method : resources.methods) {
            AnnotationInstance idempotent = method.methodAnnotation(DotNames.IDEMPOTENT);
            if (idempotent != null && BODY_VERBS.contains(method.httpMethod())) {
                AnnotationValue required = idempotent.value("required");
                requiredByMethod.put(method, required != null && required.asBoolean());
            }
        }
        return new IdempotentMethodsBuildItem(requiredByMethod);
    }

    @BuildStep
    void validateIdempotentMethods(ValidationPhaseBuildItem validationPhase, CombinedIndexBuildItem index,
            ResourceMethodsBuildItem resources, BuildProducer<ValidationErrorBuildItem> errors) {
        Map<MethodInfo, List<ResourceMethod>> servedAs = servedAs(resources);
        for (AnnotationInstance annotation : index.getIndex().getAnnotations(DotNames.IDEMPOTENT)) {
            MethodInfo annotated = annotation.target().asMethod();
            String where = "@Idempotent on " + annotated.declaringClass().name() + "#" + annotated.name();
            List<ResourceMethod> served = servedAs.getOrDefault(annotated, List.of());
            if (served.isEmpty()) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(where
                        + ": the method is no resource method (no HTTP method annotation on it or on a method it "
                        + "implements or overrides, in a class Quarkus REST serves)")));
            }
            for (ResourceMethod method : served) {
                if (!BODY_VERBS.contains(method.httpMethod())) {
                    errors.produce(new ValidationErrorBuildItem(new IllegalStateException(where
                            + ": only POST and PATCH methods take an Idempotency-Key, this one is " + method.operation()
                            + " (GET, PUT and DELETE are idempotent already)")));
                } else if (!method.readsBody()) {
                    errors.produce(new ValidationErrorBuildItem(new IllegalStateException(where + ": "
                            + method.operation() + " has no request body parameter, so a retry with another body "
                            + "cannot be told apart; add the body parameter or remove @Idempotent")));
                }
            }
        }
    }

    @BuildStep
    void registerFilters(CombinedIndexBuildItem index, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ContainerRequestFilterBuildItem> requestFilters,
            BuildProducer<ContainerResponseFilterBuildItem> responseFilters) {
        if (index.getIndex().getAnnotations(DotNames.IDEMPOTENT).isEmpty()) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.builder().setUnremovable().addBeanClasses(IdempotencyGuard.class,
                IdempotencyFilters.Check.class, IdempotencyFilters.Capture.class).build());
        requestFilters.produce(new ContainerRequestFilterBuildItem.Builder(IdempotencyFilters.Check.class.getName())
                .setPriority(CHECK_PRIORITY).setRegisterAsBean(true).build());
        responseFilters.produce(new ContainerResponseFilterBuildItem.Builder(IdempotencyFilters.Capture.class.getName())
                .setPriority(Priorities.USER).setRegisterAsBean(true).build());
    }

    @BuildStep
    void registerRedisStore(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        RedisStores.register(capabilities, RedisIdempotencyStore.class, beans);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem recordIdempotentMethods(IdempotencyRecorder recorder, IdempotentMethodsBuildItem methods) {
        return SyntheticBeanBuildItem.configure(IdempotentMethods.class).scope(Singleton.class).unremovable()
                .supplier(recorder.methods(keyed(methods.requiredByMethod))).done();
    }

    /** Each method to the resource methods it is served as: itself, or what overrides or implements it. */
    private static Map<MethodInfo, List<ResourceMethod>> servedAs(ResourceMethodsBuildItem resources) {
        Map<MethodInfo, List<ResourceMethod>> servedAs = new HashMap<>();
        for (ResourceMethod method : resources.methods) {
            method.overrides().forEach(override -> servedAs.computeIfAbsent(override, key -> new ArrayList<>())
                    .add(method));
        }
        return servedAs;
    }

    private static Map<ResourceMethodKey, Boolean> keyed(Map<ResourceMethod, Boolean> requiredByMethod) {
        Map<ResourceMethodKey, Boolean> keyed = new HashMap<>();
        requiredByMethod.forEach((method, required) -> keyed.put(method.key(), required));
        return keyed;
    }
}
