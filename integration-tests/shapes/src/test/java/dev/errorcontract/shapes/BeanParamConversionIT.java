package dev.errorcontract.shapes;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
public class BeanParamConversionIT extends BeanParamConversionTest {
}
