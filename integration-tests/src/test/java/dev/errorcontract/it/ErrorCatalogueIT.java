package dev.errorcontract.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The catalogue suite against the packaged application (and the native image with -Pnative). */
@QuarkusIntegrationTest
public class ErrorCatalogueIT extends ErrorCatalogueTest {
}
