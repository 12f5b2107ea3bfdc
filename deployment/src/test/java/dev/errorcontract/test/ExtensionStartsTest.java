package dev.errorcontract.test;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.identity.CallerIdentities;
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
}
