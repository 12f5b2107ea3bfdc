package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Item 1, with Quarkus's default proactive authentication: every security outcome by the contract. */
@QuarkusTest
public class SecurityOutsideRestTest {

    @Test
    void wrongPasswordOnAnUnsecuredEndpointIs401WithChallenge() {
        assertContract(given().auth().preemptive().basic("bob", "wrong").get("/public/hello"), 401, "unauthorized")
                .then().header("WWW-Authenticate", containsStringIgnoringCase("basic"));
    }

    @Test
    void unsecuredEndpointAnswersAnonymousAndValidUsers() {
        given().get("/public/hello").then().statusCode(200);
        given().auth().preemptive().basic("bob", "bob-password").get("/public/hello").then().statusCode(200);
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
    void userWithoutTheRoleOnPermissionPolicyIs403() {
        assertContract(given().auth().preemptive().basic("bob", "bob-password").get("/admin/report"), 403,
                "forbidden");
    }

    @Test
    void adminPassesThePermissionPolicy() {
        given().auth().preemptive().basic("alice", "alice-password").get("/admin/report").then().statusCode(200);
    }

    @Test
    void anonymousOnAnnotatedEndpointIs401WithChallenge() {
        assertContract(given().get("/annotated/admin"), 401, "unauthorized")
                .then().header("WWW-Authenticate", containsStringIgnoringCase("basic"));
    }

    @Test
    void userWithoutTheRoleOnAnnotatedEndpointIs403() {
        assertContract(given().auth().preemptive().basic("bob", "bob-password").get("/annotated/admin"), 403,
                "forbidden");
    }
}
