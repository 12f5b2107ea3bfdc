package dev.errorcontract.deployment;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

import dev.errorcontract.runtime.client.ContractBackoff;
import dev.errorcontract.runtime.client.ContractClientFilter;
import dev.errorcontract.runtime.client.ContractResponseExceptionMapper;
import dev.errorcontract.runtime.client.ContractRetryPredicate;
import dev.errorcontract.runtime.client.IdempotencyKeyInterceptor;
import dev.errorcontract.runtime.client.RetriedCall;
import dev.errorcontract.runtime.client.RetryAttemptInterceptor;
import dev.errorcontract.runtime.client.RetryBudgets;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.rest.client.reactive.spi.ClientRequestFilterBuildItem;
import io.quarkus.rest.client.reactive.spi.ClientResponseFilterBuildItem;
import io.quarkus.rest.client.reactive.spi.RestClientAnnotationsTransformerBuildItem;

/**
 * The client side of the contract: every Quarkus REST client reads errors into {@code ApiException}, and
 * {@code @Retry} on a REST client method retries what the contract says, when it says.
 */
class RestClientProcessor {

    private static final Set<DotName> BACKOFFS = Set.of(DotNames.CUSTOM_BACKOFF, DotNames.EXPONENTIAL_BACKOFF,
            DotNames.FIBONACCI_BACKOFF);

    @BuildStep
    void failOnRetryWithoutFaultTolerance(Capabilities capabilities, CombinedIndexBuildItem index,
            BuildProducer<ValidationErrorBuildItem> errors) {
        if (capabilities.isPresent(Capability.SMALLRYE_FAULT_TOLERANCE)) {
            return;
        }
        for (AnnotationInstance retry : index.getIndex().getAnnotations(DotNames.RETRY)) {
            String where = retry.target().kind() == AnnotationTarget.Kind.METHOD
                    ? retry.target().asMethod().declaringClass().name() + "#" + retry.target().asMethod().name()
                    : retry.target().toString();
            errors.produce(new ValidationErrorBuildItem(new IllegalStateException("@Retry on " + where
                    + " does nothing without SmallRye Fault Tolerance: add io.quarkus:quarkus-smallrye-fault-tolerance")));
        }
    }

    @BuildStep
    void registerClientProviders(Capabilities capabilities, BuildProducer<ClientRequestFilterBuildItem> requestFilters,
            BuildProducer<ClientResponseFilterBuildItem> responseProviders, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<AdditionalIndexedClassesBuildItem> indexed) {
        if (!capabilities.isPresent(Capability.REST_CLIENT_REACTIVE)) {
            return;
        }
        // indexed, so that the REST client reads their @Priority
        indexed.produce(new AdditionalIndexedClassesBuildItem(ContractResponseExceptionMapper.class.getName(),
                ContractClientFilter.class.getName()));
        // the build item registers any client provider for every client, exception mappers included
        responseProviders.produce(new ClientResponseFilterBuildItem(ContractResponseExceptionMapper.class.getName()));
        responseProviders.produce(new ClientResponseFilterBuildItem(ContractClientFilter.class.getName()));
        requestFilters.produce(new ClientRequestFilterBuildItem(ContractClientFilter.class.getName()));
        beans.produce(AdditionalBeanBuildItem.unremovableOf(RetryBudgets.class));
    }

    @BuildStep
    void makeRetryFollowTheContract(Capabilities capabilities,
            BuildProducer<RestClientAnnotationsTransformerBuildItem> transformers,
            BuildProducer<AdditionalBeanBuildItem> beans, BuildProducer<ReflectiveClassBuildItem> reflection) {
        if (!capabilities.isPresent(Capability.REST_CLIENT_REACTIVE)
                || !capabilities.isPresent(Capability.SMALLRYE_FAULT_TOLERANCE)) {
            return;
        }
        // SmallRye Fault Tolerance creates the predicate and the backoff strategy of each call reflectively
        reflection.produce(ReflectiveClassBuildItem.builder(ContractRetryPredicate.class, ContractBackoff.class)
                .constructors().reason(RestClientProcessor.class.getName()).build());
        beans.produce(AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClasses(IdempotencyKeyInterceptor.class, RetryAttemptInterceptor.class, RetriedCall.class).build());
        transformers.produce(new RestClientAnnotationsTransformerBuildItem(AnnotationTransformation.forMethods()
                .when(context -> isRetried(context.declaration().asMethod()))
                .transform(context -> {
                    MethodInfo method = context.declaration().asMethod();
                    ClassInfo client = method.declaringClass();
                    if (!method.hasDeclaredAnnotation(DotNames.RETRY)) {
                        // @Retry on the interface: fault tolerance wants the annotations added below next to a @Retry
                        context.add(AnnotationInstance.create(DotNames.RETRY, null,
                                client.declaredAnnotation(DotNames.RETRY).values()));
                    }
                    if (!hasExplicitRetryCondition(method)) {
                        context.add(AnnotationInstance.builder(DotNames.RETRY_WHEN)
                                .add("exception", ClassType.create(ContractRetryPredicate.class)).build());
                    }
                    if (BACKOFFS.stream().noneMatch(method::hasDeclaredAnnotation)
                            && BACKOFFS.stream().noneMatch(client::hasDeclaredAnnotation)) {
                        context.add(AnnotationInstance.builder(DotNames.CUSTOM_BACKOFF)
                                .add("value", ClassType.create(ContractBackoff.class)).build());
                    }
                    context.add(AnnotationInstance.builder(RetriedCall.class).add("httpMethod", httpMethod(method)).build());
                })));
    }

    /** The HTTP method a REST client method sends, or an empty string for none of the standard ones. */
    private static String httpMethod(MethodInfo method) {
        for (Map.Entry<String, DotName> verb : DotNames.HTTP_METHODS.entrySet()) {
            if (method.hasDeclaredAnnotation(verb.getValue())) {
                return verb.getKey();
            }
        }
        return "";
    }

    /** A REST client method under {@code @Retry}, on the method or on its interface. */
    private static boolean isRetried(MethodInfo method) {
        ClassInfo declaring = method.declaringClass();
        return declaring.isInterface()
                && (method.hasDeclaredAnnotation(DotNames.RETRY) || declaring.hasDeclaredAnnotation(DotNames.RETRY));
    }

    /** Explicit retry conditions written by the application win over the contract's. */
    private static boolean hasExplicitRetryCondition(MethodInfo method) {
        if (method.hasDeclaredAnnotation(DotNames.RETRY_WHEN)
                || method.declaringClass().hasDeclaredAnnotation(DotNames.RETRY_WHEN)) {
            return true;
        }
        AnnotationInstance retry = method.hasDeclaredAnnotation(DotNames.RETRY)
                ? method.declaredAnnotation(DotNames.RETRY)
                : method.declaringClass().declaredAnnotation(DotNames.RETRY);
        for (String member : List.of("retryOn", "abortOn")) {
            AnnotationValue value = retry.value(member);
            if (value != null) {
                return true;
            }
        }
        return false;
    }
}
