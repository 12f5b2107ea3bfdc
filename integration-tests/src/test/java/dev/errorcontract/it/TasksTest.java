package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.errorcontract.junit.DocumentedResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The happy paths of the demo API. */
@QuarkusTest
@ExtendWith(DocumentedResponses.class)
public class TasksTest {

    static final String FULL_KEY = "demo-key-full";
    static final String READ_KEY = "demo-key-read";

    @Test
    void createAndReadATask() {
        int id = given().header("X-API-KEY", FULL_KEY).contentType(ContentType.JSON)
                .body("{\"title\":\"Write the docs\",\"priority\":\"high\"}")
                .post("/tasks")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("title", equalTo("Write the docs"))
                .extract().path("id");

        given().header("X-API-KEY", READ_KEY).get("/tasks/" + id)
                .then().statusCode(200).body("priority", equalTo("high"));
    }

    @Test
    void deleteATaskThatIsNotBusy() {
        int id = given().header("X-API-KEY", FULL_KEY).contentType(ContentType.JSON)
                .body("{\"title\":\"Short-lived\",\"priority\":\"low\"}")
                .post("/tasks").then().statusCode(201).extract().path("id");

        given().header("X-API-KEY", FULL_KEY).delete("/tasks/" + id).then().statusCode(204);
    }
}
