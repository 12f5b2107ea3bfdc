package dev.errorcontract.deployment;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;

/** The Redis stores are beans only with the Quarkus Redis client; asking for one without it fails the build. */
final class RedisStores {

    private RedisStores() {
    }

    static void register(Capabilities capabilities, String storeProperty, Class<?> store,
            BuildProducer<AdditionalBeanBuildItem> beans, BuildProducer<ValidationErrorBuildItem> errors) {
        if (capabilities.isPresent(Capability.REDIS_CLIENT)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(store));
        } else if ("redis".equalsIgnoreCase(
                ConfigProvider.getConfig().getOptionalValue(storeProperty, String.class).orElse(""))) {
            errors.produce(new ValidationErrorBuildItem(new IllegalStateException(storeProperty
                    + "=redis needs the quarkus-redis-client extension: add io.quarkus:quarkus-redis-client to the application")));
        }
    }
}
