package dev.errorcontract.test.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.RateLimited;
import dev.errorcontract.runtime.ratelimit.RateLimiter;
import dev.errorcontract.test.TestApiKeys;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * An endpoint that needs no authentication, with authentication not proactive: API keys the application's security
 * refuses do not buy fresh buckets. Asking who the caller is makes Quarkus authenticate the key; a refused key is the
 * contract's 401 with the mechanism's challenge and touches no bucket, as with proactive authentication. Requests
 * without a key count against the caller's address; an accepted key has its own bucket.
 */
public class InventedApiKeysGetNoBucketTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resource.class, TestApiKeys.class))
            .overrideConfigKey("quarkus.http.auth.proactive", "false")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].permits", "3")
            .overrideConfigKey("quarkus.error-contract.rate-limit.buckets.b.limits[0].period", "1H")
            // one answer per request: a second one racing it ("Response has already been written") is logged as ERROR
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.SEVERE.intValue())
            .assertLogRecords(records -> assertEquals(List.of(), records.stream().map(LogRecord::getMessage).toList()));

    @Inject
    RateLimiter limiter;

    @Test
    void inventedKeysAreRefusedAndCountForNobody() {
        for (int i = 0; i < 50; i++) {
            Response refused = given().header("X-API-Key", "unknown-" + i).get("/public");
            refused.then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"")
                    .header("RateLimit-Limit", nullValue())
                    .body("type", equalTo("about:blank"))
                    .body("title", equalTo("Unauthorized"))
                    .body("status", equalTo(401))
                    .body("code", equalTo("unauthorized"))
                    .body("detail", equalTo("Authentication is required to access this resource."))
                    .body("instance", equalTo("/public"))
                    .body("errors", empty())
                    .body("request_id", equalTo(refused.header("X-Request-Id")))
                    .body(not(containsString("unknown")));
        }
        assertEquals(0, limiter.trackedCallers(), "refused keys get no bucket, nor count in the address's");

        for (int remaining = 2; remaining >= 0; remaining--) {
            given().get("/public").then().statusCode(200).header("RateLimit-Remaining", String.valueOf(remaining));
        }
        given().get("/public").then().statusCode(429); // no key at all: the address bucket, now spent
        assertEquals(1, limiter.trackedCallers(), "one bucket: the address");

        given().header("X-API-Key", "accepted").get("/public").then().statusCode(200)
                .header("RateLimit-Remaining", "2");
        assertEquals(2, limiter.trackedCallers());
    }

    @Path("/public")
    public static class Resource {
        @GET
        @RateLimited(bucket = "b")
        public String get() {
            return "ok";
        }
    }
}
