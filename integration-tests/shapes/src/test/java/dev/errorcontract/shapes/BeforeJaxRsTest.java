package dev.errorcontract.shapes;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Item 10: what is answered before Quarkus REST runs. A declared body over the limit gets the contract's 413, and a
 * client that sends the whole body without waiting for {@code 100-continue} can read it. Request lines and headers
 * over Vert.x's limits are rejected by its HTTP decoder, for which Quarkus offers no hook: they stay bodiless (see the
 * guide).
 */
@QuarkusTest
public class BeforeJaxRsTest {

    @TestHTTPResource("/orders")
    URI orders;

    @Test
    void bodyOverTheLimitSentWithoutWaitingCanReadTheContract413() throws Exception {
        int length = 12 * 1024 * 1024;
        try (Socket socket = new Socket(orders.getHost(), orders.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // as Python's requests does: the whole body first, then read the answer
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            String response = readAll(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("\"code\":\"payload_too_large\""), response);
        }
    }

    @Test
    void requestLineAndHeadersOverTheLimitsAreRejectedByVertx() {
        assertEquals(414, given().get("/public/hello?q=" + "a".repeat(9000)).statusCode());
        assertEquals(431, given().header("X-Big", "b".repeat(36_000)).get("/public/hello").statusCode());
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int read; (read = in.read(buffer)) >= 0;) {
            received.write(buffer, 0, read);
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
