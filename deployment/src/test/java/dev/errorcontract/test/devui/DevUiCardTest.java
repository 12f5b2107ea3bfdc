package dev.errorcontract.test.devui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.errorcontract.ApiException;
import dev.errorcontract.ErrorCode;
import dev.errorcontract.RateLimited;
import io.quarkus.test.QuarkusDevModeTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The Dev UI card in dev mode: its pages are served, the build-time data carries the catalogue, the application's own
 * codes and the endpoints, and the JSON-RPC methods report live bucket usage and the recent errors with the request
 * ids the callers got.
 */
public class DevUiCardTest {

    @RegisterExtension
    static final QuarkusDevModeTest app = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class, OrderLocked.class)
                    .addAsResource(new StringAsset("""
                            quarkus.error-contract.rate-limit.buckets.orders.limits[0].permits=2
                            quarkus.error-contract.rate-limit.buckets.orders.limits[0].period=1H
                            """), "application.properties"));

    @TestHTTPResource("/")
    URL root;

    @Test
    void pagesAndBuildTimeDataAreServed() {
        for (String page : new String[] { "catalogue", "endpoints", "buckets", "errors" }) {
            given().get("/q/dev-ui/quarkus-error-contract/qwc-error-contract-" + page + ".js").then().statusCode(200);
        }
        String data = given().get("/q/dev-ui/quarkus-error-contract-data.js").then().statusCode(200).extract().asString();
        assertTrue(data.contains("\"rate_limit_exceeded\""), data);
        assertTrue(data.contains("\"order_locked\""), "the application's own code");
        assertTrue(data.contains(Orders.class.getName() + "#get"), "the limited endpoint");
        assertTrue(data.contains("\"GET /orders/{id}\""), "endpoints by verb and path");
    }

    @Test
    void recentErrorsAndBucketsOverJsonRpc() throws Exception {
        try (DevUiJsonRpc rpc = new DevUiJsonRpc(root.toString())) {
            LinkedBlockingQueue<JsonNode> live = rpc.subscribe("quarkus-error-contract_streamRecentErrors");
            String requestId = given().header("X-API-Key", "key-1").get("/orders/missing").then().statusCode(404)
                    .extract().header("X-Request-Id");
            given().header("X-API-Key", "key-1").get("/orders/any").then().statusCode(200);
            given().header("X-API-Key", "key-1").get("/orders/any").then().statusCode(429);

            JsonNode streamed = live.poll(10, TimeUnit.SECONDS);
            assertNotNull(streamed, "the 404 is streamed as it happens");
            assertEquals(requestId, streamed.get("requestId").asText());

            JsonNode recent = rpc.call("quarkus-error-contract_getRecentErrors");
            assertEquals(429, recent.get(0).get("status").asInt(), "newest first");
            assertEquals("rate_limit_exceeded", recent.get(0).get("code").asText());
            assertEquals(requestId, recent.get(1).get("requestId").asText());
            assertEquals("GET", recent.get(1).get("method").asText());
            assertEquals("/orders/missing", recent.get(1).get("path").asText());
            // the details: the body as sent and the headers the error set; no credential anywhere
            assertTrue(recent.get(1).get("body").asText().contains("\"request_id\":\"" + requestId + "\""),
                    recent.get(1).toString());
            assertTrue(recent.get(0).get("headers").has("Retry-After"), recent.get(0).toString());
            assertTrue(recent.get(1).path("caller").isMissingNode() || recent.get(1).path("caller").isNull(),
                    "an anonymous caller");
            assertTrue(!recent.toString().contains("key-1"), "the API key is never shown");

            JsonNode buckets = rpc.call("quarkus-error-contract_getBuckets");
            JsonNode orders = buckets.get(0);
            assertEquals("orders", orders.get("name").asText());
            assertEquals(2, orders.get("limits").get(0).get("permits").asInt());
            assertEquals(2, orders.get("allowed").asInt());
            assertEquals(1, orders.get("rejected").asInt());
            assertEquals(0, orders.get("callers").get(0).get("remaining").asInt());

            rpc.call("quarkus-error-contract_clearRecentErrors");
            assertEquals(0, rpc.call("quarkus-error-contract_getRecentErrors").size());
        }
    }

    @Path("/orders")
    @RateLimited(bucket = "orders")
    public static class Orders {
        @GET
        @Path("/{id}")
        public String get(@PathParam("id") String id) {
            if (id.equals("missing")) {
                throw ApiException.notFound("No order " + id + ".");
            }
            return id;
        }
    }

    @ErrorCode(status = 423, code = "order_locked")
    public static class OrderLocked extends RuntimeException {
    }
}
