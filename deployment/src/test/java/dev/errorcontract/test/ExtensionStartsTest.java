package dev.errorcontract.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.runtime.devui.DevActivity;
import dev.errorcontract.runtime.identity.CallerIdentities;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

public class ExtensionStartsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest();

    @Inject
    CallerIdentities identities;

    @Test
    void identitiesBeanIsAvailable() {
        assertNotNull(identities);
    }

    @Test
    void devUiRecordsNothingOutsideDevMode() {
        assertFalse(Arc.container().instance(DevActivity.class).isAvailable(),
                "the recent-errors buffer exists only in dev mode");
    }
}
