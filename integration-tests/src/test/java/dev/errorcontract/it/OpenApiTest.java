package dev.errorcontract.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.errorcontract.junit.DocumentedResponses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The generated OpenAPI document describes the errors each operation can produce, and real error responses of the
 * demo validate against the problem schema it documents: documentation and wire format cannot drift apart.
 */
@QuarkusTest
@ExtendWith(DocumentedResponses.class)
public class OpenApiTest {

    @Test
    void operationsDocumentTheErrorsTheyCanProduce() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.Problem.properties.code.pattern", notNullValue())
                .body("paths.'/tasks'.post.responses.keySet()", hasItems("400", "401", "403", "409", "422", "500"))
                .body("paths.'/tasks/{id}'.get.responses.keySet()", hasItems("401", "403", "404", "500"))
                .body("paths.'/search'.get.responses.'429'.headers.keySet()", hasItems("Retry-After", "RateLimit-Limit"))
                // the demo's default bucket limits every resource method that is not exempt
                .body("paths.'/tasks/{id}'.get.responses.keySet()", hasItems("429"))
                .body("paths.'/upstream/{scenario}'.get.responses.keySet()", not(hasItems("429")))
                .body("paths.'/tasks'.post.responses.'422'.content.'application/problem+json'.schema.'$ref'",
                        org.hamcrest.Matchers.equalTo("#/components/schemas/Problem"));
    }

    @Test
    void documentIsValidForAnIndependentParser() {
        String document = given().get("/q/openapi?format=json").asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertTrue(result.getMessages() == null || result.getMessages().isEmpty(), () -> "swagger-parser: "
                + result.getMessages());
        assertTrue(result.getOpenAPI().getComponents().getSecuritySchemes().containsKey("SecurityScheme"),
                "the security scheme the operations refer to is defined");
        assertEquals(Set.of("201", "400", "401", "403", "406", "409", "413", "415", "422", "429", "500", "503"),
                result.getOpenAPI().getPaths().get("/tasks").getPost().getResponses().keySet());
        assertTrue(result.getOpenAPI().getPaths().get("/tasks/{id}").getDelete().getResponses().containsKey("423"));
    }

    @Test
    void realErrorResponsesMatchTheDocumentedSchema() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode document = json.readTree(given().get("/q/openapi?format=json").asString());
        JsonSchema problem = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(document.at("/components/schemas/Problem"));
        List<String> bodies = List.of(
                given().header("X-API-KEY", "demo-key-read").get("/tasks/777777").then().statusCode(404).extract().asString(),
                given().get("/tasks").then().statusCode(401).extract().asString(),
                given().header("X-API-KEY", "demo-key-full").contentType(ContentType.JSON)
                        .body("{\"title\":\"\",\"priority\":\"never\"}").post("/tasks").then().statusCode(422).extract()
                        .asString(),
                given().header("X-API-KEY", "demo-key-full").contentType(ContentType.JSON).body("{\"title\":")
                        .post("/tasks").then().statusCode(400).extract().asString(),
                given().get("/demo/failures/unexpected").then().statusCode(500).extract().asString(),
                given().header("X-API-KEY", "demo-key-read").put("/tasks").then().statusCode(405).extract().asString());
        for (String body : bodies) {
            Set<ValidationMessage> problems = problem.validate(json.readTree(body));
            assertTrue(problems.isEmpty(), () -> body + " does not match the documented schema: " + problems);
        }
        assertEquals(6, bodies.size());
        // the check can fail: a body off the contract does not validate
        assertTrue(!problem.validate(json.readTree("{\"status\":404,\"code\":\"NotFound\",\"errors\":[]}")).isEmpty());
    }
}
