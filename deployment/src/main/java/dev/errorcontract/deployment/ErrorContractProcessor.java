package dev.errorcontract.deployment;

import dev.errorcontract.runtime.identity.CallerIdentities;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

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
}
