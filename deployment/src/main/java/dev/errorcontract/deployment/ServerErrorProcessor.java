package dev.errorcontract.deployment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodParameterInfo;
import org.jboss.jandex.Type;
import org.jboss.resteasy.reactive.server.model.FixedHandlerChainCustomizer;
import org.jboss.resteasy.reactive.server.model.HandlerChainCustomizer;

import dev.errorcontract.ErrorCodes;
import dev.errorcontract.FieldError;
import dev.errorcontract.runtime.config.ErrorContractBuildTimeConfig;
import dev.errorcontract.runtime.server.AllowedMethods;
import dev.errorcontract.runtime.server.BodilessErrors;
import dev.errorcontract.runtime.server.ContractExceptionMapper;
import dev.errorcontract.runtime.server.DeclaredExceptions;
import dev.errorcontract.runtime.server.ErrorResponses;
import dev.errorcontract.runtime.server.FaultToleranceExceptionMapper;
import dev.errorcontract.runtime.server.ParameterSources;
import dev.errorcontract.runtime.server.ProblemDetailsRenderer;
import dev.errorcontract.runtime.server.ResourceInvoked;
import dev.errorcontract.runtime.server.SecurityExceptionMapper;
import dev.errorcontract.runtime.server.ServerRecorder;
import dev.errorcontract.runtime.server.ValidationExceptionMapper;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBundleBuildItem;
import io.quarkus.resteasy.reactive.server.spi.GlobalHandlerCustomizerBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerResponseFilterBuildItem;
import io.quarkus.resteasy.reactive.spi.ExceptionMapperBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;

/**
 * The server side of the contract: every non-2xx response of Quarkus REST, and of the HTTP layer before it, is
 * rendered by the contract.
 */
class ServerErrorProcessor {

    /**
     * Beats the built-in mappers of Quarkus REST, Jackson, Hibernate Validator and security (all at
     * {@code USER + 1} or later). An application's own mapper for a type replaces ours: we do not register one there.
     */
    static final int MAPPER_PRIORITY = Priorities.USER;

    /** Filters with a higher priority run first; request ids are assigned before authentication (200). */
    static final int REQUEST_ID_FILTER_PRIORITY = 400;

    /** After authentication (200), before the HTTP permission check (100). */
    static final int CHALLENGE_FILTER_PRIORITY = 120;

    /** Runs just before Quarkus's own body size check (route order -2), so that its 413 follows the contract. */
    static final int BODY_LIMIT_FILTER_PRIORITY = 3;

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Map<DotName, String> PARAMETER_ANNOTATIONS = Map.ofEntries(
            Map.entry(DotNames.QUERY_PARAM, FieldError.IN_QUERY), Map.entry(DotNames.REST_QUERY, FieldError.IN_QUERY),
            Map.entry(DotNames.PATH_PARAM, FieldError.IN_PATH), Map.entry(DotNames.REST_PATH, FieldError.IN_PATH),
            Map.entry(DotNames.HEADER_PARAM, FieldError.IN_HEADER), Map.entry(DotNames.REST_HEADER, FieldError.IN_HEADER),
            Map.entry(DotNames.COOKIE_PARAM, FieldError.IN_COOKIE), Map.entry(DotNames.REST_COOKIE, FieldError.IN_COOKIE),
            Map.entry(DotNames.FORM_PARAM, FieldError.IN_FORM), Map.entry(DotNames.REST_FORM, FieldError.IN_FORM));

    @BuildStep
    AdditionalBeanBuildItem registerBeans(Capabilities capabilities) {
        AdditionalBeanBuildItem.Builder beans = AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClasses(ErrorResponses.class, ProblemDetailsRenderer.class, ContractExceptionMapper.class);
        if (capabilities.isPresent(Capability.SECURITY)) {
            beans.addBeanClass(SecurityExceptionMapper.class);
        }
        if (capabilities.isPresent(Capability.HIBERNATE_VALIDATOR)) {
            beans.addBeanClass(ValidationExceptionMapper.class);
        }
        if (capabilities.isPresent(Capability.SMALLRYE_FAULT_TOLERANCE)) {
            beans.addBeanClass(FaultToleranceExceptionMapper.class);
        }
        return beans.build();
    }

    @BuildStep
    void registerMessageBundles(BuildProducer<NativeImageResourceBundleBuildItem> bundles) {
        bundles.produce(new NativeImageResourceBundleBuildItem("dev.errorcontract.messages"));
        if (Thread.currentThread().getContextClassLoader().getResource("error-contract-messages.properties") != null) {
            bundles.produce(new NativeImageResourceBundleBuildItem("error-contract-messages"));
        }
    }

    @BuildStep
    void collectDeclaredExceptions(CombinedIndexBuildItem index, ErrorContractBuildTimeConfig config,
            BuildProducer<DeclaredExceptionBuildItem> declared) {
        Set<String> configured = config.exceptions().keySet();
        for (AnnotationInstance annotation : index.getIndex().getAnnotations(DotNames.ERROR_CODE)) {
            String className = annotation.target().asClass().name().toString();
            if (!configured.contains(className)) {
                AnnotationValue code = annotation.value("code");
                AnnotationValue expose = annotation.value("exposeMessage");
                declared.produce(new DeclaredExceptionBuildItem(className, annotation.value("status").asInt(),
                        code == null ? "" : code.asString(), expose != null && expose.asBoolean(),
                        "@ErrorCode on " + className));
            }
        }
        config.exceptions().forEach((className, mapping) -> declared.produce(new DeclaredExceptionBuildItem(className,
                mapping.status(), mapping.code().orElse(""), mapping.exposeMessage(),
                "quarkus.error-contract.exceptions.\"" + className + "\"")));
    }

    @BuildStep
    void validateDeclaredExceptions(ValidationPhaseBuildItem validationPhase, CombinedIndexBuildItem index,
            List<DeclaredExceptionBuildItem> declared, BuildProducer<ValidationErrorBuildItem> errors) {
        for (DeclaredExceptionBuildItem item : declared) {
            if (item.status < 400 || item.status > 599) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(item.origin
                        + ": status " + item.status + " is not an error status; use 400 to 599")));
            }
            if (!item.code.isEmpty() && !SNAKE_CASE.matcher(item.code).matches()) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(item.origin + ": code '"
                        + item.code + "' is not snake_case (lower-case letters, digits and single underscores)")));
            }
            Boolean throwable = isThrowable(index.getIndex(), item.className);
            if (throwable == null) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(
                        item.origin + ": no such class in the application or its libraries")));
            } else if (!throwable) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(
                        item.origin + ": " + item.className + " is not an exception type")));
            }
        }
    }

    @BuildStep
    void registerExceptionMappers(Capabilities capabilities, CombinedIndexBuildItem index,
            ResourceMethodsBuildItem resources, List<DeclaredExceptionBuildItem> declared,
            BuildProducer<ExceptionMapperBuildItem> mappers) {
        Set<String> applicationMapped = applicationMappedTypes(index.getIndex(), resources.resourceTypes());
        Map<String, String> mapperByType = new LinkedHashMap<>();
        String contract = ContractExceptionMapper.class.getName();
        mapperByType.put(DotNames.THROWABLE.toString(), contract);
        mapperByType.put(DotNames.API_EXCEPTION.toString(), contract);
        mapperByType.put(DotNames.WEB_APPLICATION_EXCEPTION.toString(), contract);
        mapperByType.put(DotNames.JSON_PROCESSING_EXCEPTION.toString(), contract);
        mapperByType.put(DotNames.MISMATCHED_INPUT_EXCEPTION.toString(), contract);
        // Quarkus REST Jackson maps these itself (a bodiless 500, a 400): the phase decides, not the type
        mapperByType.put(DotNames.INVALID_DEFINITION_EXCEPTION.toString(), contract);
        mapperByType.put(DotNames.JSON_MAPPING_EXCEPTION.toString(), contract);
        mapperByType.put(DotNames.JSON_PARSE_EXCEPTION.toString(), contract);
        declared.forEach(item -> mapperByType.put(item.className, contract));
        if (capabilities.isPresent(Capability.SECURITY)) {
            String security = SecurityExceptionMapper.class.getName();
            mapperByType.put(DotNames.UNAUTHORIZED_EXCEPTION.toString(), security);
            mapperByType.put(DotNames.AUTHENTICATION_FAILED_EXCEPTION.toString(), security);
            mapperByType.put(DotNames.FORBIDDEN_EXCEPTION.toString(), security);
        }
        if (capabilities.isPresent(Capability.HIBERNATE_VALIDATOR)) {
            mapperByType.put(DotNames.VALIDATION_EXCEPTION.toString(), ValidationExceptionMapper.class.getName());
        }
        if (capabilities.isPresent(Capability.SMALLRYE_FAULT_TOLERANCE)) {
            mapperByType.put(DotNames.FAULT_TOLERANCE_EXCEPTION.toString(), FaultToleranceExceptionMapper.class.getName());
        }
        mapperByType.forEach((type, mapper) -> {
            if (!applicationMapped.contains(type)) {
                mappers.produce(new ExceptionMapperBuildItem(mapper, type, MAPPER_PRIORITY, true));
            }
        });
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem recordDeclaredExceptions(ServerRecorder recorder, List<DeclaredExceptionBuildItem> declared) {
        Map<String, DeclaredExceptions.Mapping> mappings = new HashMap<>();
        for (DeclaredExceptionBuildItem item : declared) {
            String code = item.code.isEmpty() ? ErrorCodes.defaultCode(item.status) : item.code;
            mappings.put(item.className, new DeclaredExceptions.Mapping(item.status, code, item.exposeMessage));
        }
        return SyntheticBeanBuildItem.configure(DeclaredExceptions.class).scope(Singleton.class).unremovable()
                .supplier(recorder.declaredExceptions(mappings)).setRuntimeInit().done();
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem recordParameterSources(ServerRecorder recorder, CombinedIndexBuildItem index) {
        Map<String, ParameterSources.Source> sources = new HashMap<>();
        PARAMETER_ANNOTATIONS.forEach((annotationName, in) -> {
            for (AnnotationInstance annotation : index.getIndex().getAnnotations(annotationName)) {
                if (annotation.target().kind() == AnnotationTarget.Kind.FIELD) {
                    // a member of a @BeanParam class
                    AnnotationValue value = annotation.value();
                    String name = value != null && !value.asString().isEmpty() ? value.asString()
                            : annotation.target().asField().name();
                    sources.put(ParameterSources.fieldKey(annotation.target().asField().declaringClass().name().toString(),
                            annotation.target().asField().name()), new ParameterSources.Source(in, name));
                    continue;
                }
                if (annotation.target().kind() != AnnotationTarget.Kind.METHOD_PARAMETER) {
                    continue;
                }
                MethodParameterInfo parameter = annotation.target().asMethodParameter();
                AnnotationValue value = annotation.value();
                String name = value != null && !value.asString().isEmpty() ? value.asString() : parameter.name();
                sources.put(ParameterSources.key(parameter.method().declaringClass().name().toString(),
                        parameter.method().name(), parameter.position()), new ParameterSources.Source(in, name));
            }
        });
        return SyntheticBeanBuildItem.configure(ParameterSources.class).scope(Singleton.class).unremovable()
                .supplier(recorder.parameterSources(sources)).setRuntimeInit().done();
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
    FilterBuildItem renderBodyTooLarge(ServerRecorder recorder) {
        return new FilterBuildItem(recorder.bodyLimit(), BODY_LIMIT_FILTER_PRIORITY);
    }

    @BuildStep
    ContainerResponseFilterBuildItem fillBodilessErrors() {
        return new ContainerResponseFilterBuildItem.Builder(BodilessErrors.class.getName())
                .setPriority(Priorities.USER).setRegisterAsBean(true).build();
    }

    /** Marks the end of reading the request on every resource method, for the phase of a failure. */
    @BuildStep
    GlobalHandlerCustomizerBuildItem markResourceInvocation() {
        return new GlobalHandlerCustomizerBuildItem(
                new FixedHandlerChainCustomizer(new ResourceInvoked(), HandlerChainCustomizer.Phase.BEFORE_METHOD_INVOKE));
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
    FilterBuildItem renderHttpLayerFailures(ServerRecorder recorder) {
        return FilterBuildItem.ofAuthenticationFailureHandler(recorder.failureHandler());
    }

    /** Exception types the application maps itself, with an ExceptionMapper or a @ServerExceptionMapper method. */
    private static Set<String> applicationMappedTypes(IndexView index, Set<DotName> resourceTypes) {
        Set<String> types = new HashSet<>();
        for (ClassInfo mapper : index.getAllKnownImplementations(DotNames.EXCEPTION_MAPPER)) {
            if (isFrameworkClass(mapper.name())) {
                continue;
            }
            for (Type implemented : mapper.interfaceTypes()) {
                if (implemented.name().equals(DotNames.EXCEPTION_MAPPER) && implemented.kind() == Type.Kind.PARAMETERIZED_TYPE) {
                    types.add(implemented.asParameterizedType().arguments().get(0).name().toString());
                }
            }
        }
        for (AnnotationInstance annotation : index.getAnnotations(DotNames.SERVER_EXCEPTION_MAPPER)) {
            if (annotation.target().kind() != AnnotationTarget.Kind.METHOD
                    || isFrameworkClass(annotation.target().asMethod().declaringClass().name())
                    || resourceTypes.contains(annotation.target().asMethod().declaringClass().name())) {
                // a mapper declared in a resource class applies to that class only (Quarkus REST tries it first)
                continue;
            }
            AnnotationValue value = annotation.value();
            if (value != null) {
                for (Type type : value.asClassArray()) {
                    types.add(type.name().toString());
                }
            } else {
                annotation.target().asMethod().parameterTypes().forEach(type -> types.add(type.name().toString()));
            }
        }
        return types;
    }

    private static boolean isFrameworkClass(DotName name) {
        String className = name.toString();
        return className.startsWith("io.quarkus.") || className.startsWith("org.jboss.resteasy.")
                || className.startsWith("dev.errorcontract.runtime.server.");
    }

    /**
     * Whether a class is a {@code Throwable}: through the index as far as it knows the class and its superclasses,
     * then through the class loader (JDK and library classes are not indexed); {@code null} when there is no such
     * class.
     */
    static Boolean isThrowable(IndexView index, String className) {
        String current = className;
        while (current != null) {
            if (current.equals(DotNames.THROWABLE.toString())) {
                return true;
            }
            ClassInfo type = index.getClassByName(DotName.createSimple(current));
            if (type == null) {
                try {
                    Class<?> loaded = Class.forName(current, false, Thread.currentThread().getContextClassLoader());
                    return Throwable.class.isAssignableFrom(loaded);
                } catch (ClassNotFoundException | LinkageError e) {
                    return current.equals(className) ? null : false;
                }
            }
            current = type.superName() == null ? null : type.superName().toString();
        }
        return false;
    }
}
