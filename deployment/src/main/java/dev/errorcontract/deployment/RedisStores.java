package dev.errorcontract.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;

/**
 * The Redis stores are beans only with the Quarkus Redis client. Whether the application asks for one is run-time
 * configuration ({@code store=redis}): the beans that pick the store fail start-up when it is asked for without the
 * client.
 */
final class RedisStores {

    private RedisStores() {
    }

    static void register(Capabilities capabilities, Class<?> store, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.REDIS_CLIENT)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(store));
        }
    }
}
