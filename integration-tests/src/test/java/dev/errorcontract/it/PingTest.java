package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class PingTest {

    @Test
    void ping() {
        given().get("/ping").then().statusCode(200).body(is("pong"));
    }
}
