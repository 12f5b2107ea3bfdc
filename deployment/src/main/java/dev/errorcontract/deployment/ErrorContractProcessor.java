package dev.errorcontract.deployment;

import java.util.Optional;

import dev.errorcontract.runtime.identity.CallerIdentities;
import dev.errorcontract.runtime.metrics.MicrometerContractMetrics;
import dev.errorcontract.runtime.metrics.NoopContractMetrics;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;

class ErrorContractProcessor {

    static final String FEATURE = "error-contract";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem registerCallerIdentities() {
        return AdditionalBeanBuildItem.unremovableOf(CallerIdentities.class);
    }

    /** Micrometer's counters when the application has an enabled quarkus-micrometer, else none. */
    @BuildStep
    AdditionalBeanBuildItem registerMetrics(Optional<MetricsCapabilityBuildItem> metrics) {
        AdditionalBeanBuildItem.Builder beans = AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClass(NoopContractMetrics.class);
        if (metrics.isPresent() && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
            beans.addBeanClass(MicrometerContractMetrics.class);
        }
        return beans.build();
    }
}
