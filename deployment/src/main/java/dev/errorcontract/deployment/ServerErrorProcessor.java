package dev.errorcontract.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.MethodParameterInfo;
import org.jboss.resteasy.reactive.server.model.FixedHandlerChainCustomizer;
import org.jboss.resteasy.reactive.server.model.HandlerChainCustomizer;

import dev.errorcontract.FieldError;
import dev.errorcontract.runtime.server.AllowedMethods;
import dev.errorcontract.runtime.server.BodilessErrors;
import dev.errorcontract.runtime.server.ErrorResponses;
import dev.errorcontract.runtime.server.ParameterSources;
import dev.errorcontract.runtime.server.ProblemDetailsRenderer;
import dev.errorcontract.runtime.server.ResourceInvoked;
import dev.errorcontract.runtime.server.ServerRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBundleBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.resteasy.reactive.server.spi.GlobalHandlerCustomizerBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerResponseFilterBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;

/**
 * The server side of the contract: every non-2xx response of Quarkus REST, and of the HTTP layer before it, is
 * rendered by the contract. Which exceptions the contract's mappers take: {@link ExceptionMapperProcessor}; the
 * application's own exception types: {@link DeclaredExceptionProcessor}.
 */
class ServerErrorProcessor {

    /** Filters with a higher priority run first; request ids are assigned before authentication (200). */
    static final int REQUEST_ID_FILTER_PRIORITY = 400;

    /** After authentication (200), before the HTTP permission check (100). */
    static final int CHALLENGE_FILTER_PRIORITY = 120;

    /** Runs just before Quarkus's own body size check (route order -2), so that its 413 follows the contract. */
    static final int BODY_LIMIT_FILTER_PRIORITY = 3;

    private static final Map<DotName, String> PARAMETER_ANNOTATIONS = Map.ofEntries(
            Map.entry(DotNames.QUERY_PARAM, FieldError.IN_QUERY),
            Map.entry(DotNames.REST_QUERY, FieldError.IN_QUERY),
            Map.entry(DotNames.PATH_PARAM, FieldError.IN_PATH),
            Map.entry(DotNames.REST_PATH, FieldError.IN_PATH),
            Map.entry(DotNames.HEADER_PARAM, FieldError.IN_HEADER),
            Map.entry(DotNames.REST_HEADER, FieldError.IN_HEADER),
            Map.entry(DotNames.COOKIE_PARAM, FieldError.IN_COOKIE),
            Map.entry(DotNames.REST_COOKIE, FieldError.IN_COOKIE),
            Map.entry(DotNames.FORM_PARAM, FieldError.IN_FORM),
            Map.entry(DotNames.REST_FORM, FieldError.IN_FORM));

    @BuildStep
    AdditionalBeanBuildItem registerRenderer() {
        return AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClasses(ErrorResponses.class, ProblemDetailsRenderer.class).build();
    }

    @BuildStep
    void registerMessageBundles(BuildProducer<NativeImageResourceBundleBuildItem> bundles) {
        bundles.produce(new NativeImageResourceBundleBuildItem("dev.errorcontract.messages"));
        if (Thread.currentThread().getContextClassLoader().getResource("error-contract-messages.properties") != null) {
            bundles.produce(new NativeImageResourceBundleBuildItem("error-contract-messages"));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    FilterBuildItem assignRequestIds(ServerRecorder recorder) {
        return new FilterBuildItem(recorder.requestIds(), REQUEST_ID_FILTER_PRIORITY);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    FilterBuildItem acceptProblemJson(ServerRecorder recorder) {
        return new FilterBuildItem(recorder.problemAccept(), REQUEST_ID_FILTER_PRIORITY + 1);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void renderSecurityChallenges(Capabilities capabilities, ServerRecorder recorder,
            BuildProducer<FilterBuildItem> filters) {
        if (capabilities.isPresent(Capability.SECURITY)) {
            filters.produce(new FilterBuildItem(recorder.contractChallenges(), CHALLENGE_FILTER_PRIORITY));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    FilterBuildItem renderBodyTooLarge(ServerRecorder recorder) {
        return new FilterBuildItem(recorder.bodyLimit(), BODY_LIMIT_FILTER_PRIORITY);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    FilterBuildItem renderHttpLayerFailures(ServerRecorder recorder) {
        return FilterBuildItem.ofAuthenticationFailureHandler(recorder.failureHandler());
    }

    /** Marks the end of reading the request on every resource method, for the phase of a failure. */
    @BuildStep
    GlobalHandlerCustomizerBuildItem markResourceInvocation() {
        return new GlobalHandlerCustomizerBuildItem(
                new FixedHandlerChainCustomizer(new ResourceInvoked(), HandlerChainCustomizer.Phase.BEFORE_METHOD_INVOKE));
    }

    @BuildStep
    ContainerResponseFilterBuildItem fillBodilessErrors() {
        return new ContainerResponseFilterBuildItem.Builder(BodilessErrors.class.getName())
                .setPriority(Priorities.USER).setRegisterAsBean(true).build();
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem recordAllowedMethods(ServerRecorder recorder, ResourceMethodsBuildItem resources) {
        Map<String, Set<String>> methodsByTemplate = new HashMap<>();
        for (ResourceMethodsBuildItem.ResourceMethod method : resources.methods) {
            methodsByTemplate.computeIfAbsent(method.path(), key -> new TreeSet<>()).add(method.httpMethod());
        }
        Map<String, List<String>> recorded = new HashMap<>();
        methodsByTemplate.forEach((template, methods) -> recorded.put(template, List.copyOf(methods)));
        return SyntheticBeanBuildItem.configure(AllowedMethods.class).scope(Singleton.class).unremovable()
                .supplier(recorder.allowedMethods(recorded)).setRuntimeInit().done();
    }

    /** The non-body parameters of resource methods and the fields of {@code @BeanParam} classes, by their source. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem recordParameterSources(ServerRecorder recorder, CombinedIndexBuildItem index,
            BuildProducer<ReflectiveClassBuildItem> reflection) {
        List<ParameterSources.MethodParameter> parameters = new ArrayList<>();
        List<ParameterSources.BeanParamField> fields = new ArrayList<>();
        PARAMETER_ANNOTATIONS.forEach((annotationName, in) -> {
            for (AnnotationInstance annotation : index.getIndex().getAnnotations(annotationName)) {
                AnnotationValue value = annotation.value();
                String explicitName = value == null || value.asString().isEmpty() ? null : value.asString();
                if (annotation.target().kind() == AnnotationTarget.Kind.FIELD) {
                    FieldInfo field = annotation.target().asField();
                    fields.add(new ParameterSources.BeanParamField(field.declaringClass().name().toString(),
                            field.name(),
                            new ParameterSources.Source(in, explicitName != null ? explicitName : field.name())));
                } else if (annotation.target().kind() == AnnotationTarget.Kind.METHOD_PARAMETER) {
                    MethodParameterInfo parameter = annotation.target().asMethodParameter();
                    parameters.add(new ParameterSources.MethodParameter(
                            parameter.method().declaringClass().name().toString(), parameter.method().name(),
                            parameter.position(),
                            new ParameterSources.Source(in, explicitName != null ? explicitName : parameter.name())));
                }
            }
        });
        String[] beanParamClasses = fields.stream().map(ParameterSources.BeanParamField::declaringClass).distinct()
                .sorted().toArray(String[]::new);
        if (beanParamClasses.length > 0) {
            // a member that cannot be converted is found by trying the converter Quarkus REST keeps in its class
            reflection.produce(ReflectiveClassBuildItem.builder(beanParamClasses).fields()
                    .reason(ServerErrorProcessor.class.getName()).build());
        }
        return SyntheticBeanBuildItem.configure(ParameterSources.class).scope(Singleton.class).unremovable()
                .supplier(recorder.parameterSources(parameters, fields)).setRuntimeInit().done();
    }
}
