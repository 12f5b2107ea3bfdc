package dev.errorcontract.test.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.Idempotent;
import dev.errorcontract.RateLimited;
import io.quarkus.security.Authenticated;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With quarkus-smallrye-openapi, the document built at build time has the problem schema under components and gives
 * each operation the error responses its annotations make possible (400 malformed_body where it reads a JSON body),
 * and only those; a status the application
 * documented itself is kept as it wrote it.
 */
public class OperationsDocumentTheirErrorResponsesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Things.class, Guarded.class, NewThing.class, GadgetsApi.class,
                    GadgetsResource.class, Paging.class, Labels.class))
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.writes.limits[0].permits", "10")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.writes.limits[0].period", "1M")
            // Quarkus's own bare 401/403 (it marks @PermitAll methods of an @Authenticated class too) would hide ours
            .overrideConfigKey("quarkus.smallrye-openapi.auto-add-security-requirement", "false");

    @Test
    void problemSchemaOnceUnderComponents() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.Problem.properties.keySet()", containsInAnyOrder("type", "title", "status",
                        "detail", "instance", "code", "request_id", "errors", "retry_after"))
                .body("components.schemas.Problem.properties.errors.items.properties.keySet()",
                        containsInAnyOrder("field", "pointer", "in", "code", "message"));
    }

    @Test
    void securedOperationWithPathParameter() {
        given().get("/q/openapi?format=json").then()
                .body("paths.'/things/{id}'.get.responses.keySet()", containsInAnyOrder("200", "401", "403", "404",
                        "500"))
                .body("paths.'/things/{id}'.get.responses.'404'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/things/{id}'.get.responses.'404'.content.'application/problem+json'.example.code",
                        equalTo("not_found"));
    }

    @Test
    void validatedIdempotentRateLimitedPost() {
        given().get("/q/openapi?format=json").then()
                .body("paths.'/things'.post.responses.keySet()", containsInAnyOrder("200", "400", "409", "413", "422",
                        "429", "500", "503"))
                .body("paths.'/things'.post.responses.'200'.headers.keySet()", containsInAnyOrder("X-Request-Id",
                        "Idempotent-Replayed", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"))
                .body("paths.'/things'.post.responses.'429'.headers.keySet()", containsInAnyOrder("Retry-After",
                        "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "X-Request-Id",
                        "Idempotent-Replayed"))
                .body("paths.'/things'.post.responses.'422'.content.'application/problem+json'.example.status",
                        equalTo(422))
                .body("paths.'/things'.post.responses.'400'.content.'application/problem+json'.example.code",
                        equalTo("malformed_body"));
    }

    @Test
    void constrainedQueryParameterIsValidated() {
        given().get("/q/openapi?format=json").then()
                .body("paths.'/things'.get.responses.keySet()", containsInAnyOrder("200", "400", "422", "500"))
                .body("paths.'/things'.get.responses.'400'.content.'application/problem+json'.example.code",
                        equalTo("bad_request"));
    }

    @Test
    void beanParamWithConvertedMembersCanBeABadRequest() {
        given().get("/q/openapi?format=json").then()
                .body("paths.'/things/paged'.get.responses.keySet()", containsInAnyOrder("200", "400", "500"))
                .body("paths.'/things/paged'.get.responses.'400'.content.'application/problem+json'.example.code",
                        equalTo("bad_request"))
                // members that are text are given as they come: nothing to convert, no 400
                .body("paths.'/things/labelled'.get.responses.keySet()", containsInAnyOrder("200", "500"));
    }

    @Test
    void permitAllInsideAnAuthenticatedResourceIsNotSecured() {
        given().get("/q/openapi?format=json").then()
                .body("paths.'/guarded/open'.get.responses.keySet()", containsInAnyOrder("200", "500"))
                .body("paths.'/guarded/closed'.get.responses.keySet()", hasItems("401", "403"));
    }

    @Test
    void statusDocumentedByTheApplicationIsKept() {
        given().get("/q/openapi?format=json").then()
                .body("paths.'/things/{id}/legacy'.get.responses.'404'.description", equalTo("Our own 404"))
                .body("paths.'/things/{id}/legacy'.get.responses.'404'.content", equalTo(null));
    }

    @Test
    void operationsOfAPathInterfaceAndItsImplementation() {
        given().get("/q/openapi?format=json").then()
                .body("paths.'/gadgets'.post.responses.keySet()", containsInAnyOrder("200", "400", "401", "403",
                        "409", "413", "422", "429", "500", "503"));
    }

    public static class NewThing {
        @NotBlank
        public String name;
    }

    public static class Paging {
        @QueryParam("page_size")
        public int pageSize;
    }

    public record Labels(@QueryParam("label") String label, @HeaderParam("X-Label") String header) {
    }

    @Path("/things")
    public static class Things {

        @GET
        @Path("paged")
        public String paged(@BeanParam Paging paging) {
            return "paged";
        }

        @GET
        @Path("labelled")
        public String labelled(@BeanParam Labels labels) {
            return "labelled";
        }

        @GET
        @Path("{id: \\d+}")
        @RolesAllowed("reader")
        public String one(@PathParam("id") long id) {
            return "thing";
        }

        @GET
        @Path("{id}/legacy")
        @APIResponse(responseCode = "200", description = "The thing")
        @APIResponse(responseCode = "404", description = "Our own 404")
        public String legacy(@PathParam("id") long id) {
            return "thing";
        }

        @GET
        public String page(@QueryParam("page") @Min(1) int page) {
            return "page";
        }

        @POST
        @Idempotent
        @RateLimited(bucket = "writes")
        public String create(@Valid NewThing thing) {
            return thing.name;
        }
    }

    @Path("/gadgets")
    @RateLimited(bucket = "writes")
    public interface GadgetsApi {
        @POST
        @Idempotent
        @RolesAllowed("writer")
        String create(@Valid NewThing thing);
    }

    public static class GadgetsResource implements GadgetsApi {
        @Override
        public String create(NewThing thing) {
            return thing.name;
        }
    }

    @Path("/guarded")
    @Authenticated
    public static class Guarded {

        @GET
        @Path("open")
        @PermitAll
        public String open() {
            return "open";
        }

        @GET
        @Path("closed")
        public String closed() {
            return "closed";
        }
    }
}
