package dev.errorcontract.deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;

import dev.errorcontract.Idempotent;
import dev.errorcontract.idempotency.IdempotencyFilters;
import dev.errorcontract.idempotency.IdempotencyGuard;
import dev.errorcontract.idempotency.IdempotencyRecorder;
import dev.errorcontract.idempotency.IdempotentMethods;
import dev.errorcontract.idempotency.RedisIdempotencyStore;
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

    private static final DotName IDEMPOTENT = DotName.createSimple(Idempotent.class);
    private static final Set<DotName> BODY_VERBS = Set.of(DotName.createSimple("jakarta.ws.rs.POST"),
            DotName.createSimple("jakarta.ws.rs.PATCH"));
    private static final List<DotName> OTHER_VERBS = List.of("GET", "PUT", "DELETE", "HEAD", "OPTIONS").stream()
            .map(verb -> DotName.createSimple("jakarta.ws.rs." + verb)).toList();

    @BuildStep
    void validateIdempotentMethods(ValidationPhaseBuildItem validationPhase, CombinedIndexBuildItem index,
            BuildProducer<ValidationErrorBuildItem> errors) {
        for (AnnotationInstance annotation : index.getIndex().getAnnotations(IDEMPOTENT)) {
            MethodInfo method = annotation.target().asMethod();
            String where = "@Idempotent on " + method.declaringClass().name() + "#" + method.name();
            if (BODY_VERBS.stream().noneMatch(method::hasDeclaredAnnotation)) {
                String verb = OTHER_VERBS.stream().filter(method::hasDeclaredAnnotation).map(DotName::withoutPackagePrefix)
                        .findFirst().orElse("no HTTP method");
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(where
                        + ": only POST and PATCH methods take an Idempotency-Key, this one is " + verb
                        + " (GET, PUT and DELETE are idempotent already)")));
            } else if (!hasBody(method)) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(where
                        + ": the method has no request body parameter, so a retry with another body cannot be told apart;"
                        + " add the body parameter or remove @Idempotent")));
            }
        }
    }

    @BuildStep
    void registerFilters(CombinedIndexBuildItem index, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ContainerRequestFilterBuildItem> requestFilters,
            BuildProducer<ContainerResponseFilterBuildItem> responseFilters) {
        if (index.getIndex().getAnnotations(IDEMPOTENT).isEmpty()) {
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
    void registerRedisStore(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ValidationErrorBuildItem> errors) {
        RedisStores.register(capabilities, "quarkus.error-contract.idempotency.store", RedisIdempotencyStore.class, beans, errors);
    }

    /** The {@code @Idempotent} resource methods, by {@code Class#method}, and whether each requires a key. */
    static final class IdempotentMethodsBuildItem extends SimpleBuildItem {
        final Map<String, Boolean> requiredByMethod;

        IdempotentMethodsBuildItem(Map<String, Boolean> requiredByMethod) {
            this.requiredByMethod = requiredByMethod;
        }
    }

    @BuildStep
    IdempotentMethodsBuildItem resolveIdempotentMethods(CombinedIndexBuildItem index) {
        Map<String, Boolean> requiredByMethod = new HashMap<>();
        for (AnnotationInstance annotation : index.getIndex().getAnnotations(IDEMPOTENT)) {
            MethodInfo method = annotation.target().asMethod();
            AnnotationValue required = annotation.value("required");
            requiredByMethod.put(IdempotentMethods.key(method.declaringClass().name().toString(), method.name()),
                    required != null && required.asBoolean());
        }
        return new IdempotentMethodsBuildItem(requiredByMethod);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem recordIdempotentMethods(IdempotencyRecorder recorder, IdempotentMethodsBuildItem methods) {
        return SyntheticBeanBuildItem.configure(IdempotentMethods.class).scope(Singleton.class).unremovable()
                .supplier(recorder.methods(methods.requiredByMethod)).done();
    }

    /** Whether a parameter is the request body: it has no JAX-RS parameter or context annotation. */
    private static boolean hasBody(MethodInfo method) {
        for (MethodParameterInfo parameter : method.parameters()) {
            boolean annotatedAsNonBody = parameter.declaredAnnotations().stream().anyMatch(annotation -> {
                String name = annotation.name().toString();
                return name.startsWith("jakarta.ws.rs.") || name.startsWith("org.jboss.resteasy.reactive.Rest");
            });
            if (!annotatedAsNonBody) {
                return true;
            }
        }
        return false;
    }
}
