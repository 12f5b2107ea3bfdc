package dev.errorcontract.deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodParameterInfo;
import org.jboss.jandex.Type;

import dev.errorcontract.ErrorCodes;
import dev.errorcontract.deployment.IdempotencyProcessor.IdempotentMethodsBuildItem;
import dev.errorcontract.deployment.RateLimitProcessor.RateLimitedMethodsBuildItem;
import dev.errorcontract.deployment.ResourceMethodsBuildItem.ResourceMethod;
import dev.errorcontract.runtime.ratelimit.RateLimitedMethod;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;

/**
 * With quarkus-smallrye-openapi, the generated document describes the error contract: the problem schema and, per
 * operation, the error responses and headers it can produce, from what the build knows of each resource method.
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
            ResourceMethodsBuildItem resources, RateLimitedMethodsBuildItem rateLimited,
            IdempotentMethodsBuildItem idempotent, List<DeclaredExceptionBuildItem> declared,
            BuildProducer<AddToOpenAPIDefinitionBuildItem> openApi) {
        if (!capabilities.isPresent(Capability.SMALLRYE_OPENAPI)) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        boolean defaultBucket = runtimeValueAtBuild(config, "quarkus.error-contract.rate-limit.default-bucket").isPresent()
                && !"false".equals(runtimeValueAtBuild(config, "quarkus.error-contract.rate-limit.enabled").orElse("true"));
        boolean rejectOnStoreFailure = "redis".equals(runtimeValueAtBuild(config,
                "quarkus.error-contract.rate-limit.store").orElse("local"))
                && "reject".equals(runtimeValueAtBuild(config, "quarkus.error-contract.rate-limit.redis.on-failure")
                        .orElse("allow"));
        boolean ietfHeaders = "ietf".equals(runtimeValueAtBuild(config, "quarkus.error-contract.rate-limit.headers")
                .orElse("draft"));
        Map<String, DeclaredExceptionBuildItem> declaredByClass = new HashMap<>();
        declared.forEach(item -> declaredByClass.put(item.className, item));
        Map<String, Map<String, ContractOpenApiFilter.OperationFacts>> factsByPath = new HashMap<>();
        for (ResourceMethod method : resources.methods) {
            String template = method.path().replaceAll("\\{\\s*([\\w.-]+)\\s*:[^}]*}", "{$1}");
            RateLimitedMethod limitedBy = rateLimited.of(method);
            boolean limited = limitedBy != null && (defaultBucket || !limitedBy.underDefaultBucket());
            factsByPath.computeIfAbsent(template, key -> new HashMap<>()).put(method.httpMethod(),
                    facts(index.getIndex(), method, template, limited, limited && rejectOnStoreFailure, ietfHeaders,
                            idempotent.requiredByMethod.containsKey(method), declaredByClass));
        }
        openApi.produce(new AddToOpenAPIDefinitionBuildItem(new ContractOpenApiFilter(factsByPath)));
    }

    /**
     * Rate limiting is run-time configuration; the document is built at build time, so it follows the value in the
     * build's configuration (application.properties). A value changed only at run time is not reflected.
     */
    private static Optional<String> runtimeValueAtBuild(Config config, String property) {
        return config.getOptionalValue(property, String.class);
    }

    private static ContractOpenApiFilter.OperationFacts facts(IndexView index, ResourceMethod method, String template,
            boolean rateLimited, boolean rejectedWhenStoreFails, boolean ietfHeaders, boolean idempotent,
            Map<String, DeclaredExceptionBuildItem> declaredByClass) {
        boolean secured = method.methodAnnotation(DotNames.PERMIT_ALL) == null
                && SECURED.stream().anyMatch(method::hasAnnotation);
        boolean validated = false;
        boolean typedParameters = false;
        for (MethodParameterInfo parameter : method.declaration().parameters()) {
            typedParameters |= !parameter.type().name().equals(DotNames.STRING) && parameter.declaredAnnotations()
                    .stream().anyMatch(a -> TYPED_PARAMETER_SOURCES.contains(a.name()));
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
        return new ContractOpenApiFilter.OperationFacts(secured, validated, template.contains("{"), rateLimited,
                ietfHeaders, idempotent, method.readsBody(), typedParameters, method.hasAnnotation(DotNames.CONSUMES), method.hasAnnotation(DotNames.PRODUCES),
                callsUpstream(method),
                // an open circuit breaker, a full bulkhead, or a store that is down (idempotency keys are never
                // given up silently; rate limits only with on-failure=reject)
                method.hasAnnotation(DotNames.CIRCUIT_BREAKER) || method.hasAnnotation(DotNames.BULKHEAD) || idempotent
                        || rejectedWhenStoreFails,
                method.hasAnnotation(DotNames.TIMEOUT), method.hasAnnotation(DotNames.FT_RATE_LIMIT), declaredStatuses);
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
            if (type.annotations(DotNames.REST_CLIENT).stream().anyMatch(annotation -> annotation.target().kind() == AnnotationTarget.Kind.FIELD
                    || annotation.target().kind() == AnnotationTarget.Kind.METHOD_PARAMETER)) {
                return true;
            }
        }
        return false;
    }
}
