package dev.errorcontract.shapes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.errorcontract.junit.ContractConformance;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The test kit's conformance check on an application with Quarkus's defaults (proactive basic authentication,
 * permission policies, SNAKE_CASE, @Path interfaces): every operation of its OpenAPI document, sent what clients get
 * wrong, answers with a contract body whose status the document declares.
 */
@QuarkusTest
public class ConformanceTest {

    @Test
    void everyErrorFollowsTheContractAndTheDocument() {
        String alice = Base64.getEncoder().encodeToString("alice:alice-password".getBytes(StandardCharsets.UTF_8));
        ContractConformance.withHeader("Authorization", "Basic " + alice).check();
    }
}
