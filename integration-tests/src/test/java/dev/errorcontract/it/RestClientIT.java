package dev.errorcontract.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
public class RestClientIT extends RestClientTest {
}
