package dev.errorcontract.test.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ApiException;
import io.quarkus.test.QuarkusUnitTest;

/** An application's own mapper for a type the extension maps replaces the extension's, in both mapper styles. */
public class ApplicationMapperWinsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, ApiExceptionMapper.class, IllegalMappers.class));

    @Test
    void classicExceptionMapperWins() {
        given().get("/mapped/api").then().statusCode(418).body(equalTo("mine: not_found"));
    }

    @Test
    void serverExceptionMapperWins() {
        given().get("/mapped/illegal").then().statusCode(409).body(equalTo("mine too"));
    }

    @Test
    void otherTypesStillFollowTheContract() {
        given().get("/mapped/other").then().statusCode(500).contentType("application/problem+json")
                .body("code", equalTo("internal_error"));
    }

    @Path("/mapped")
    public static class Resource {
        @GET
        @Path("/api")
        public String api() {
            throw ApiException.notFound("nope");
        }

        @GET
        @Path("/illegal")
        public String illegal() {
            throw new IllegalArgumentException("bad");
        }

        @GET
        @Path("/other")
        public String other() {
            throw new UnsupportedOperationException("boom");
        }
    }

    @Provider
    public static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException exception) {
            return Response.status(418).entity("mine: " + exception.code()).build();
        }
    }

    public static class IllegalMappers {
        @ServerExceptionMapper(IllegalArgumentException.class)
        public Response illegal() {
            return Response.status(409).entity("mine too").build();
        }
    }
}
