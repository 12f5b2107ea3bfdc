package dev.errorcontract.test.resources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.Idempotent;
import dev.errorcontract.RateLimited;
import dev.errorcontract.test.TestApiKeys;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Rate limits, the default bucket, idempotency and the {@code Allow} header apply to every shape of resource method
 * Quarkus REST serves: declared on a {@code @Path} interface and implemented by a class (the shape openapi-generator
 * produces), inherited from a base class, with the annotation on the interface, the class or the method.
 */
public class ResourceShapesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OrdersApi.class, OrdersResource.class, BaseResource.class,
                    InheritingResource.class, LimitedApi.class, LimitedResource.class, TestApiKeys.class))
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.two.limits[0].permits", "2")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.two.limits[0].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.three.limits[0].permits", "3")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.three.limits[0].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.everything.limits[0].permits", "50")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.everything.limits[0].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.default-bucket", "everything");

    /** The generated-API shape: every JAX-RS annotation on the interface. */
    @Path("/orders")
    public interface OrdersApi {
        @GET
        @Path("{id}")
        @RateLimited(bucket = "two")
        String get(@PathParam("id") String id);

        @GET
        String list();

        @POST
        @Idempotent
        String create(String body);

        @POST
        @Path("annotated-on-implementation")
        String createAnnotatedOnImplementation(String body);
    }

    public static class OrdersResource implements OrdersApi {
        static final AtomicInteger created = new AtomicInteger();

        @Override
        public String get(String id) {
            return id;
        }

        @Override
        public String list() {
            return "all";
        }

        @Override
        public String create(String body) {
            return "order-" + created.incrementAndGet();
        }

        @Override
        @Idempotent(required = true)
        public String createAnnotatedOnImplementation(String body) {
            return "order-" + created.incrementAndGet();
        }
    }

    @RateLimited(bucket = "three")
    public abstract static class BaseResource {
        @GET
        @Path("inherited")
        public String inherited() {
            return "inherited";
        }

        @GET
        @Path("inherited-exempt")
        @RateLimited.Exempt
        public String inheritedExempt() {
            return "exempt";
        }
    }

    @Path("/inheriting")
    public static class InheritingResource extends BaseResource {
        @GET
        @Path("own")
        public String own() {
            return "own";
        }
    }

    /** Class-level annotation on the interface. */
    @Path("/limited-api")
    @RateLimited(bucket = "two")
    public interface LimitedApi {
        @GET
        String get();
    }

    public static class LimitedResource implements LimitedApi {
        @Override
        public String get() {
            return "limited";
        }
    }

    @Test
    void rateLimitedOnAnInterfaceMethod() {
        for (int remaining = 1; remaining >= 0; remaining--) {
            given().header("X-API-Key", "shape-1").get("/orders/7").then().statusCode(200)
                    .header("RateLimit-Limit", "2").header("RateLimit-Remaining", String.valueOf(remaining));
        }
        given().header("X-API-Key", "shape-1").get("/orders/7").then().statusCode(429)
                .body("code", equalTo("rate_limit_exceeded"));
    }

    @Test
    void defaultBucketOnAnInterfaceMethod() {
        given().header("X-API-Key", "shape-2").get("/orders").then().statusCode(200)
                .header("RateLimit-Limit", "50");
    }

    @Test
    void rateLimitedOnAnInterface() {
        given().header("X-API-Key", "shape-3").get("/limited-api").then().statusCode(200).header("RateLimit-Limit", "2");
        given().header("X-API-Key", "shape-3").get("/limited-api").then().statusCode(200);
        given().header("X-API-Key", "shape-3").get("/limited-api").then().statusCode(429);
    }

    @Test
    void inheritedMethodTakesTheBaseClassBucket() {
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", "shape-4").get("/inheriting/inherited").then().statusCode(200)
                    .header("RateLimit-Limit", "3");
        }
        given().header("X-API-Key", "shape-4").get("/inheriting/inherited").then().statusCode(429);
    }

    @Test
    void classLevelAnnotationOfTheBaseClassAndExemption() {
        given().header("X-API-Key", "shape-5").get("/inheriting/own").then().statusCode(200)
                .header("RateLimit-Limit", "3");
        given().header("X-API-Key", "shape-5").get("/inheriting/inherited-exempt").then().statusCode(200)
                .header("RateLimit-Limit", nullValue());
    }

    @Test
    void idempotentOnAnInterfaceMethod() {
        String first = given().header("Idempotency-Key", "shape-key-1").body("{\"a\":1}").post("/orders")
                .then().statusCode(200).header("Idempotent-Replayed", nullValue()).extract().asString();
        given().header("Idempotency-Key", "shape-key-1").body("{\"a\":1}").post("/orders")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body(equalTo(first));
    }

    @Test
    void idempotentOnTheImplementingMethod() {
        given().body("{\"a\":1}").post("/orders/annotated-on-implementation").then().statusCode(400)
                .body("code", equalTo("idempotency_key_missing"));
        String first = given().header("Idempotency-Key", "shape-key-2").body("{\"a\":1}")
                .post("/orders/annotated-on-implementation").then().statusCode(200).extract().asString();
        given().header("Idempotency-Key", "shape-key-2").body("{\"a\":1}").post("/orders/annotated-on-implementation")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body(equalTo(first));
    }

    @Test
    void allowListsTheMethodsOfAnInterfaceResource() {
        given().delete("/orders").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS, POST")
                .body("code", equalTo("method_not_allowed"));
        given().delete("/inheriting/inherited").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
    }
}
