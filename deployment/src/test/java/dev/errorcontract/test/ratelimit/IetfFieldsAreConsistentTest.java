package dev.errorcontract.test.ratelimit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.Parser;
import org.greenbytes.http.sfv.StringItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import dev.errorcontract.test.TestApiKeys;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A bucket of two limits (5 a minute, 100 an hour) with both header styles, read with an RFC 8941 parser: every
 * policy has its own name, {@code RateLimit} names the one it reports, {@code t} and {@code RateLimit-Reset} are the
 * seconds until the next permit, and on a 429 both equal {@code Retry-After}.
 */
public class IetfFieldsAreConsistentTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, TestApiKeys.class))
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.api.limits[0].permits", "5")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.api.limits[0].period", "1M")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.api.limits[1].permits", "100")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.api.limits[1].period", "1H")
            .overrideConfigKey("quarkus.error-contract.rate-limit.headers", "both");

    @Test
    void fieldsParseAndAgree() {
        for (int i = 0; i < 5; i++) {
            Response allowed = given().header("X-API-Key", "ietf").get("/ietf");
            allowed.then().statusCode(200);
            List<String> policies = policyNames(allowed.header("RateLimit-Policy"));
            assertEquals(List.of("api-0", "api-1"), policies, "one name per policy");
            StringItem limit = serviceLimit(allowed.header("RateLimit"));
            assertEquals("api-0", limit.get(), "the minute limit has fewer permits left");
            assertEquals(4L - i, limit.getParams().get("r").get());
            long t = (Long) limit.getParams().get("t").get();
            assertTrue(t >= 1 && t <= 12, "a permit comes back every 12 s: t=" + t);
            assertEquals(Long.toString(t), allowed.header("RateLimit-Reset"));
            assertEquals(Long.toString(4 - i), allowed.header("RateLimit-Remaining"));
        }
        Response rejected = given().header("X-API-Key", "ietf").get("/ietf");
        rejected.then().statusCode(429);
        StringItem limit = serviceLimit(rejected.header("RateLimit"));
        assertEquals("api-0", limit.get());
        assertEquals(0L, limit.getParams().get("r").get());
        assertEquals(rejected.header("Retry-After"), limit.getParams().get("t").get().toString());
        assertEquals(rejected.header("Retry-After"), rejected.header("RateLimit-Reset"));
        assertEquals("0", rejected.header("RateLimit-Remaining"));
    }

    private static List<String> policyNames(String field) {
        List<String> names = new ArrayList<>();
        for (ListElement<?> element : Parser.parseList(field).get()) {
            StringItem policy = (StringItem) element;
            assertTrue(policy.getParams().containsKey("q") && policy.getParams().containsKey("w"), field);
            names.add(policy.get());
        }
        return names;
    }

    private static StringItem serviceLimit(String field) {
        List<ListElement<?>> limits = Parser.parseList(field).get();
        assertEquals(1, limits.size(), field);
        return (StringItem) limits.get(0);
    }

    @Path("/ietf")
    public static class Resource {
        @GET
        @RateLimited(bucket = "api")
        public String get() {
            return "ok";
        }
    }
}
