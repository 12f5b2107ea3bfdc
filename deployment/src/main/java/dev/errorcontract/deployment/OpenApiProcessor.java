package dev.errorcontract.deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodParameterInfo;
import org.jboss.jandex.Type;

import dev.errorcontract.ErrorCodes;
import dev.errorcontract.deployment.IdempotencyProcessor.IdempotentMethodsBuildItem;
import dev.errorcontract.deployment.ResourceMethodsBuildItem.ResourceMethod;
import dev.errorcontract.runtime.openapi.ContractResponses;
import dev.errorcontract.runtime.openapi.RateLimitOpenApiFilter;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;

/**
 * With quarkus-smallrye-openapi, the generated document describes the error contract: the problem schema and, per
 * operation, the error responses and headers it can produce, from what the build knows of each resource method
 * ({@link ContractOpenApiFilter}) and, at start-up, from the run-time configuration of rate limits
 * ({@link RateLimitOpenApiFilter}).
 */
class OpenApiProcessor {

    /** Parameters the caller writes as text and Quarkus REST converts: a value it cannot convert is a 400. */
    private static final Set<DotName> TYPED_PARAMETER_SOURCES = Set.of(DotNames.QUERY_PARAM, DotNames.REST_QUERY,
            DotNames.HEADER_PARAM, DotNames.REST_HEADER, DotNames.COOKIE_PARAM, DotNames.REST_COOKIE,
            DotNames.FORM_PARAM, DotNames.REST_FORM, DotNames.MATRIX_PARAM, DotNames.REST_MATRIX);
    private static final List<DotName> SECURED = List.of(DotNames.ROLES_ALLOWED, DotNames.AUTHENTICATED,
            DotNames.PERMISSIONS_ALLOWED);

    @BuildStep
    void documentErrorResponses(Capabilities capabilities, CombinedIndexBuildItem index,
            ResourceMethodsBuildItem resources, IdempotentMethodsBuildItem idempotent,
            List<DeclaredExceptionBuildItem> declared,
            BuildProducer<AddToOpenAPIDefinitionBuildItem> openApi) {
        if (!capabilities.isPresent(Capability.SMALLRYE_OPENAPI)) {
            return;
        }
        Map<String, DeclaredExceptionBuildItem> declaredByClass = new HashMap<>();
        declared.forEach(item -> declaredByClass.put(item.className, item));
        Map<String, Map<String, ContractOpenApiFilter.OperationFacts>> factsByPath = new HashMap<>();
        for (ResourceMethod method : resources.methods) {
            String template = ContractResponses.openApiPath(method.path());
            factsByPath.computeIfAbsent(template, key -> new HashMap<>()).put(method.httpMethod(),
                    facts(index.getIndex(), method, template, idempotent.requiredByMethod.containsKey(method),
                            declaredByClass));
        }
        openApi.produce(new AddToOpenAPIDefinitionBuildItem(new ContractOpenApiFilter(factsByPath)));
    }

    /** The rate limits are run-time configuration: what they add to the document is added at start-up. */
    @BuildStep
    void documentRateLimitsAtStartup(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.SMALLRYE_OPENAPI)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(RateLimitOpenApiFilter.class));
        }
    }

    private static ContractOpenApiFilter.OperationFacts facts(IndexView index, ResourceMethod method, String template,
            boolean idempotent, Map<String, DeclaredExceptionBuildItem> declaredByClass) {
        boolean secured = method.methodAnnotation(DotNames.PERMIT_ALL) == null
                && SECURED.stream().anyMatch(method::hasAnnotation);
        boolean validated = false;
        boolean typedParameters = false;
        for (MethodParameterInfo parameter : method.declaration().parameters()) {
            typedParameters |= !parameter.type().name().equals(DotNames.STRING) && parameter.declaredAnnotations()
                    .stream().anyMatch(a -> TYPED_PARAMETER_SOURCES.contains(a.name()));
            typedParameters |= parameter.hasDeclaredAnnotation(DotNames.BEAN_PARAM)
                    && hasTypedMembers(index, parameter.type().name());
            validated |= parameter.declaredAnnotations().stream().anyMatch(a -> a.name().equals(DotNames.VALID)
                    || a.name().toString().startsWith(DotNames.CONSTRAINTS_PACKAGE));
        }
        Map<Integer, String> declaredStatuses = new TreeMap<>();
        for (Type thrown : method.declaration().exceptions()) {
            DeclaredExceptionBuildItem item = declaredException(index, thrown.name(), declaredByClass);
            if (item != null) {
                declaredStatuses.put(item.status, item.code.isEmpty() ? ErrorCodes.defaultCode(item.status) : item.code);
            }
        }
        return new ContractOpenApiFilter.OperationFacts(secured, validated, template.contains("{"), idempotent,
                method.readsBody(), typedParameters, method.hasAnnotation(DotNames.CONSUMES),
                method.hasAnnotation(DotNames.PRODUCES), callsUpstream(method),
                // an open circuit breaker, a full bulkhead, or the idempotency store down (idempotency keys are never
                // given up silently; the rate-limit store's 503 depends on run-time configuration)
                method.hasAnnotation(DotNames.CIRCUIT_BREAKER) || method.hasAnnotation(DotNames.BULKHEAD) || idempotent,
                method.hasAnnotation(DotNames.TIMEOUT), method.hasAnnotation(DotNames.FT_RATE_LIMIT), declaredStatuses);
    }

    /** Whether a {@code @BeanParam} class or record (or a superclass) has a member Quarkus REST converts from text. */
    private static boolean hasTypedMembers(IndexView index, DotName type) {
        for (ClassInfo current = index.getClassByName(type); current != null; current = current.superName() == null
                ? null
                : index.getClassByName(current.superName())) {
            for (FieldInfo field : current.fields()) {
                if (!field.type().name().equals(DotNames.STRING) && field.declaredAnnotations().stream()
                        .anyMatch(a -> TYPED_PARAMETER_SOURCES.contains(a.name()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The mapping of a thrown type or of its nearest mapped superclass. */
    private static DeclaredExceptionBuildItem declaredException(IndexView index, DotName thrown,
            Map<String, DeclaredExceptionBuildItem> declaredByClass) {
        for (DotName current = thrown; current != null;) {
            DeclaredExceptionBuildItem item = declaredByClass.get(current.toString());
            if (item != null) {
                return item;
            }
            ClassInfo type = index.getClassByName(current);
            current = type == null ? null : type.superName();
        }
        return null;
    }

    /** Whether the resource class injects a REST client: its failures reach the caller as 502 or 504. */
    private static boolean callsUpstream(ResourceMethod method) {
        for (ClassInfo type : method.types()) {
            if (type.annotations(DotNames.REST_CLIENT).stream()
                    .anyMatch(annotation -> annotation.target().kind() == AnnotationTarget.Kind.FIELD
                            || annotation.target().kind() == AnnotationTarget.Kind.METHOD_PARAMETER)) {
                return true;
            }
        }
        return false;
    }
}
