package dev.errorcontract.it;

import org.junit.jupiter.api.Test;

import dev.errorcontract.junit.ContractConformance;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The test kit's conformance check on the demo: every operation of its OpenAPI document, sent what clients get wrong,
 * answers with a contract body whose status the document declares.
 */
@QuarkusTest
public class ConformanceTest {

    @Test
    void everyErrorFollowsTheContractAndTheDocument() {
        ContractConformance.withHeader("X-API-KEY", "demo-key-full").check();
    }
}
