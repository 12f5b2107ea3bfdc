package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Item 1 with lazy authentication and forbidden resources concealed as not found. */
@QuarkusTest
@TestProfile(LazySecurityTest.Lazy.class)
public class LazySecurityTest {

    public static class Lazy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.auth.proactive", "false",
                    "quarkus.error-contract.security.conceal-forbidden-as-not-found", "true");
        }
    }

    @Test
    void anonymousOnPermissionPolicyIs401WithChallenge() {
        assertContract(given().get("/admin/report"), 401, "unauthorized")
                .then().header("WWW-Authenticate", containsStringIgnoringCase("basic"));
    }

    @Test
    void wrongPasswordOnPermissionPolicyIs401() {
        assertContract(given().auth().preemptive().basic("alice", "wrong").get("/admin/report"), 401, "unauthorized")
                .then().header("WWW-Authenticate", containsStringIgnoringCase("basic"));
    }

    @Test
    void wrongPasswordOnAnnotatedEndpointIs401() {
        assertContract(given().auth().preemptive().basic("alice", "wrong").get("/annotated/admin"), 401,
                "unauthorized").then().header("WWW-Authenticate", containsStringIgnoringCase("basic"));
    }

    /**
     * The endpoint needs no authentication, but its rate limit asks who the caller is: the wrong password is found
     * then, and answered by the contract, before any bucket is touched.
     */
    @Test
    void wrongPasswordOnRateLimitedPublicEndpointIs401() {
        for (int i = 0; i < 5; i++) {
            assertContract(given().auth().preemptive().basic("bob", "wrong").get("/public/limited"), 401,
                    "unauthorized").then().header("WWW-Authenticate", containsStringIgnoringCase("basic"))
                    .header("RateLimit-Limit", nullValue());
        }
        given().get("/public/limited").then().statusCode(200).body(equalTo("limited"));
        given().auth().preemptive().basic("bob", "bob-password").get("/public/limited").then().statusCode(200)
                .header("RateLimit-Remaining", "999");
    }

    @Test
    void forbiddenByPermissionPolicyIsConcealed() {
        assertContract(given().auth().preemptive().basic("bob", "bob-password").get("/admin/report"), 404,
                "not_found");
    }

    @Test
    void forbiddenByAnnotationIsConcealed() {
        assertContract(given().auth().preemptive().basic("bob", "bob-password").get("/annotated/admin"), 404,
                "not_found");
    }
}
