package dev.errorcontract.deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;

import dev.errorcontract.Idempotent;
import dev.errorcontract.deployment.RateLimitProcessor.RateLimitedMethodsBuildItem;
import dev.errorcontract.ratelimit.RateLimitedMethods;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;

/**
 * With quarkus-smallrye-openapi, the generated document describes the error contract: the problem schema and, per
 * operation, the error responses it can produce, from what the build knows of each resource method.
 */
class OpenApiProcessor {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName VALID = DotName.createSimple("jakarta.validation.Valid");
    private static final DotName PERMIT_ALL = DotName.createSimple("jakarta.annotation.security.PermitAll");
    private static final DotName IDEMPOTENT = DotName.createSimple(Idempotent.class);
    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    @BuildStep
    void documentErrorResponses(Capabilities capabilities, CombinedIndexBuildItem index,
            RateLimitedMethodsBuildItem rateLimited, BuildProducer<AddToOpenAPIDefinitionBuildItem> openApi) {
        if (!capabilities.isPresent(Capability.SMALLRYE_OPENAPI)) {
            return;
        }
        boolean defaultBucket = defaultBucketAtBuild();
        Map<String, Map<String, ContractOpenApiFilter.OperationFacts>> factsByPath = new HashMap<>();
        for (String httpMethod : HTTP_METHODS) {
            for (AnnotationInstance annotation : index.getIndex().getAnnotations(DotName.createSimple("jakarta.ws.rs." + httpMethod))) {
                if (annotation.target().kind() != AnnotationTarget.Kind.METHOD) {
                    continue;
                }
                MethodInfo method = annotation.target().asMethod();
                ClassInfo resource = method.declaringClass();
                AnnotationInstance classPath = resource.declaredAnnotation(PATH);
                if (classPath == null || resource.isInterface()) {
                    continue;
                }
                AnnotationInstance methodPath = method.declaredAnnotation(PATH);
                String template = ServerErrorProcessor.joinPaths(classPath.value().asString(),
                        methodPath == null ? null : methodPath.value().asString())
                        .replaceAll("\\{\\s*([\\w.-]+)\\s*:[^}]*}", "{$1}");
                String bucket = rateLimited.bucketByMethod
                        .get(RateLimitedMethods.key(resource.name().toString(), method.name()));
                boolean limited = bucket != null && (defaultBucket || !RateLimitedMethods.DEFAULT_BUCKET.equals(bucket));
                factsByPath.computeIfAbsent(template, key -> new HashMap<>()).put(httpMethod, facts(method, resource,
                        template, limited));
            }
        }
        openApi.produce(new AddToOpenAPIDefinitionBuildItem(new ContractOpenApiFilter(factsByPath)));
    }

    /**
     * Whether resource methods without {@code @RateLimited} are limited: the default bucket is run-time configuration,
     * so the document follows its value in the build's configuration (application.properties).
     */
    private static boolean defaultBucketAtBuild() {
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue("quarkus.error-contract.rate-limit.default-bucket", String.class).isPresent()
                && config.getOptionalValue("quarkus.error-contract.rate-limit.enabled", Boolean.class).orElse(true);
    }

    private static ContractOpenApiFilter.OperationFacts facts(MethodInfo method, ClassInfo resource, String template,
            boolean rateLimited) {
        boolean secured = !method.hasDeclaredAnnotation(PERMIT_ALL)
                && ContractOpenApiFilter.SECURITY_ANNOTATIONS.stream().map(DotName::createSimple)
                        .anyMatch(name -> method.hasDeclaredAnnotation(name) || resource.hasDeclaredAnnotation(name));
        boolean validated = false;
        for (MethodParameterInfo parameter : method.parameters()) {
            validated |= parameter.declaredAnnotations().stream().anyMatch(a -> a.name().equals(VALID)
                    || a.name().toString().startsWith("jakarta.validation.constraints."));
        }
        return new ContractOpenApiFilter.OperationFacts(secured, validated, template.contains("{"), rateLimited,
                method.hasDeclaredAnnotation(IDEMPOTENT));
    }
}
