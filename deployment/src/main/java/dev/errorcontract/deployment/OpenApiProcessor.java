package dev.errorcontract.deployment;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodParameterInfo;

import dev.errorcontract.deployment.IdempotencyProcessor.IdempotentMethodsBuildItem;
import dev.errorcontract.deployment.RateLimitProcessor.RateLimitedMethodsBuildItem;
import dev.errorcontract.deployment.ResourceMethodsBuildItem.ResourceMethod;
import dev.errorcontract.ratelimit.RateLimitedMethods;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;

/**
 * With quarkus-smallrye-openapi, the generated document describes the error contract: the problem schema and, per
 * operation, the error responses it can produce, from what the build knows of each resource method.
 */
class OpenApiProcessor {

    private static final DotName VALID = DotName.createSimple("jakarta.validation.Valid");
    private static final DotName PERMIT_ALL = DotName.createSimple("jakarta.annotation.security.PermitAll");

    @BuildStep
    void documentErrorResponses(Capabilities capabilities, ResourceMethodsBuildItem resources,
            RateLimitedMethodsBuildItem rateLimited, IdempotentMethodsBuildItem idempotent,
            BuildProducer<AddToOpenAPIDefinitionBuildItem> openApi) {
        if (!capabilities.isPresent(Capability.SMALLRYE_OPENAPI)) {
            return;
        }
        boolean defaultBucket = defaultBucketAtBuild();
        Map<String, Map<String, ContractOpenApiFilter.OperationFacts>> factsByPath = new HashMap<>();
        for (ResourceMethod method : resources.methods) {
            String template = method.path().replaceAll("\\{\\s*([\\w.-]+)\\s*:[^}]*}", "{$1}");
            String bucket = rateLimited.bucketOf(method);
            boolean limited = bucket != null && (defaultBucket || !RateLimitedMethods.DEFAULT_BUCKET.equals(bucket));
            factsByPath.computeIfAbsent(template, key -> new HashMap<>()).put(method.httpMethod(),
                    facts(method, template, limited, idempotent.requiredByMethod.containsKey(method)));
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

    private static ContractOpenApiFilter.OperationFacts facts(ResourceMethod method, String template,
            boolean rateLimited, boolean idempotent) {
        boolean secured = method.methodAnnotation(PERMIT_ALL) == null
                && ContractOpenApiFilter.SECURITY_ANNOTATIONS.stream().map(DotName::createSimple)
                        .anyMatch(method::hasAnnotation);
        boolean validated = false;
        for (MethodParameterInfo parameter : method.declaration().parameters()) {
            validated |= parameter.declaredAnnotations().stream().anyMatch(a -> a.name().equals(VALID)
                    || a.name().toString().startsWith("jakarta.validation.constraints."));
        }
        return new ContractOpenApiFilter.OperationFacts(secured, validated, template.contains("{"), rateLimited,
                idempotent);
    }
}
