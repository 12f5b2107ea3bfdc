package dev.errorcontract.deployment;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Priorities;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

import dev.errorcontract.runtime.server.ContractExceptionMapper;
import dev.errorcontract.runtime.server.SecurityExceptionMapper;
import dev.errorcontract.runtime.server.ValidationExceptionMapper;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.resteasy.reactive.spi.ExceptionMapperBuildItem;

/**
 * The contract's exception mappers in Quarkus REST: which exception types they take over from the built-in mappers,
 * and which they leave to the application's own.
 */
class ExceptionMapperProcessor {

    /**
     * Beats the built-in mappers of Quarkus REST, Jackson, Hibernate Validator and security (all at
     * {@code USER + 1} or later). An application's own mapper for a type replaces ours: we do not register one there.
     */
    static final int MAPPER_PRIORITY = Priorities.USER;

    /** Where mappers of Quarkus and of the extension live; the application's are everywhere else. */
    private static final List<String> FRAMEWORK_PACKAGES = List.of("io.quarkus.", "org.jboss.resteasy.",
            ContractExceptionMapper.class.getPackageName() + '.');

    @BuildStep
    AdditionalBeanBuildItem registerMappers(Capabilities capabilities) {
        AdditionalBeanBuildItem.Builder beans = AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClass(ContractExceptionMapper.class);
        if (capabilities.isPresent(Capability.SECURITY)) {
            beans.addBeanClass(SecurityExceptionMapper.class);
        }
        if (capabilities.isPresent(Capability.HIBERNATE_VALIDATOR)) {
            beans.addBeanClass(ValidationExceptionMapper.class);
        }
        return beans.build();
    }

    @BuildStep
    void mapExceptionTypes(Capabilities capabilities, CombinedIndexBuildItem index,
            ResourceMethodsBuildItem resources, List<DeclaredExceptionBuildItem> declared,
            BuildProducer<ExceptionMapperBuildItem> mappers) {
        Set<String> applicationMapped = applicationMappedTypes(index.getIndex(), resources.resourceTypes());
        Map<String, Class<?>> mapperByType = new LinkedHashMap<>();
        for (DotName type : List.of(DotNames.THROWABLE, DotNames.API_EXCEPTION, DotNames.WEB_APPLICATION_EXCEPTION,
                DotNames.JSON_PROCESSING_EXCEPTION, DotNames.MISMATCHED_INPUT_EXCEPTION,
                // Quarkus REST Jackson maps these itself (a bodiless 500, a 400): the phase decides, not the type
                DotNames.INVALID_DEFINITION_EXCEPTION, DotNames.JSON_MAPPING_EXCEPTION,
                DotNames.JSON_PARSE_EXCEPTION)) {
            mapperByType.put(type.toString(), ContractExceptionMapper.class);
        }
        declared.forEach(item -> mapperByType.put(item.className, ContractExceptionMapper.class));
        if (capabilities.isPresent(Capability.SECURITY)) {
            for (DotName type : List.of(DotNames.UNAUTHORIZED_EXCEPTION, DotNames.AUTHENTICATION_FAILED_EXCEPTION,
                    DotNames.FORBIDDEN_EXCEPTION)) {
                mapperByType.put(type.toString(), SecurityExceptionMapper.class);
            }
        }
        if (capabilities.isPresent(Capability.HIBERNATE_VALIDATOR)) {
            mapperByType.put(DotNames.VALIDATION_EXCEPTION.toString(), ValidationExceptionMapper.class);
        }
        if (capabilities.isPresent(Capability.SMALLRYE_FAULT_TOLERANCE)) {
            // the classifier knows fault tolerance's outcomes (429, 503 with the breaker's delay, 504)
            mapperByType.put(DotNames.FAULT_TOLERANCE_EXCEPTION.toString(), ContractExceptionMapper.class);
        }
        mapperByType.forEach((type, mapper) -> {
            if (!applicationMapped.contains(type)) {
                mappers.produce(new ExceptionMapperBuildItem(mapper.getName(), type, MAPPER_PRIORITY, true));
            }
        });
    }

    /** Exception types the application maps itself, with an ExceptionMapper or a @ServerExceptionMapper method. */
    private static Set<String> applicationMappedTypes(IndexView index, Set<DotName> resourceTypes) {
        Set<String> types = new HashSet<>();
        for (ClassInfo mapper : index.getAllKnownImplementations(DotNames.EXCEPTION_MAPPER)) {
            if (isFrameworkClass(mapper.name())) {
                continue;
            }
            for (Type implemented : mapper.interfaceTypes()) {
                if (implemented.name().equals(DotNames.EXCEPTION_MAPPER)
                        && implemented.kind() == Type.Kind.PARAMETERIZED_TYPE) {
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
        return FRAMEWORK_PACKAGES.stream().anyMatch(className::startsWith);
    }
}
