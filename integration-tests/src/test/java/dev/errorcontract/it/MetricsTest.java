package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The extension's counters in Micrometer, read from the Prometheus endpoint after producing each over HTTP. */
@QuarkusTest
public class MetricsTest {

    @Test
    void errorsRateLimitsIdempotencyAndRetriesAreCounted() {
        given().header("X-API-KEY", "demo-key-read").get("/tasks/424242").then().statusCode(404);
        given().header("X-API-KEY", "demo-key-full").get("/tasks").then().statusCode(200);
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            given().header("X-API-KEY", "demo-key-full").header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body("{\"title\":\"Counted\",\"priority\":\"low\"}").post("/tasks").then().statusCode(201);
        }
        given().get("/demo/client/unavailable?failures=1").then().statusCode(200);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("error_contract_errors_total{code=\"not_found\",status=\"404\"}"))
                .body(containsString("error_contract_rate_limit_decisions_total{bucket=\"api\",outcome=\"allowed\"}"))
                .body(containsString("error_contract_idempotency_total{outcome=\"replayed\"}"))
                .body(containsString(
                        "error_contract_client_retries_total{client=\"dev.errorcontract.it.client.UnreliableClient\",outcome=\"retried\"}"))
                // every counter says what it counts (Prometheus HELP)
                .body(containsString("# HELP error_contract_errors Error responses sent by the contract"))
                .body(containsString("# HELP error_contract_rate_limit_decisions Rate-limit checks"))
                .body(containsString("# HELP error_contract_idempotency Idempotency-Key outcomes"))
                .body(containsString("# HELP error_contract_client_retries REST client failures retried"))
                .body(not(containsString("demo-key")))
                .body(not(containsString("/tasks/424242")));
    }
}
