package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Item 3: a failure while the response is written is the contract's 500 while nothing was sent; once the response is
 * committed, the connection is cut after what was written, without the final chunk, so that the client cannot take
 * it for complete: a {@code StreamingOutput} and reactive streams of buffers and byte arrays.
 */
@QuarkusTest
public class WritingFailuresTest {

    @Test
    void customWriterThatThrowsIs500() {
        assertContract(given().accept("text/csv").get("/failures/custom-writer"), 500, "internal_error");
    }

    @Test
    void streamFailingBeforeWritingIs500() {
        assertContract(given().get("/failures/stream-fails-before"), 500, "internal_error");
    }

    @Test
    void beanJacksonCannotWriteIs500WithBody() {
        assertContract(given().get("/failures/empty-bean"), 500, "internal_error");
    }

    @Test
    void reactiveFailureIs500() {
        assertContract(given().get("/failures/reactive"), 500, "internal_error");
    }

    @Test
    void reactiveStreamFailingBeforeItsFirstItemIs500() {
        assertContract(given().get("/failures/multi"), 500, "internal_error");
    }

    @TestHTTPResource("/")
    URI root;

    @Test
    void downloadFailingAfterCommitOverHttp2ResetsItsStream() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // the first request upgrades the connection to HTTP/2 (h2c); the downloads then run on streams of their own
        HttpResponse<String> upgraded = client.send(HttpRequest.newBuilder(root.resolve("/public/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, upgraded.version());
        HttpRequest download = HttpRequest.newBuilder(root.resolve("/failures/stream-fails-after")).build();
        for (int i = 0; i < 5; i++) {
            IOException reset = assertThrows(IOException.class,
                    () -> client.send(download, HttpResponse.BodyHandlers.ofByteArray()));
            assertTrue(String.valueOf(reset.getMessage()).contains("RST_STREAM"), reset::toString);
        }
        HttpResponse<String> after = client.send(HttpRequest.newBuilder(root.resolve("/public/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, after.version());
        assertEquals("hello", after.body());
    }

    @Test
    void downloadFailingAfterCommitIsTruncated() throws Exception {
        assertTruncated("/failures/stream-fails-after");
    }

    @Test
    void reactiveBuffersFailingAfterCommitAreTruncated() throws Exception {
        assertTruncated("/failures/buffers-fail-after");
    }

    @Test
    void reactiveByteArraysFailingAfterCommitAreTruncated() throws Exception {
        assertTruncated("/failures/bytes-fail-after");
    }

    /**
     * A download that fails after 64 KiB: an HTTP client reports it as broken, and on the wire the 200 with its 64 KiB
     * ends without the final zero-length chunk and with nothing appended. Several times, since a race decides it if
     * anything does.
     */
    private void assertTruncated(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(root.resolve(path)).build();
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()),
                    "a truncated download must not read as complete");

            String sent = new String(readUntilClosed(path), StandardCharsets.ISO_8859_1);
            assertTrue(sent.startsWith("HTTP/1.1 200 "), () -> sent.substring(0, Math.min(200, sent.length())));
            assertTrue(sent.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked\r\n"));
            String body = sent.substring(sent.indexOf("\r\n\r\n") + 4);
            assertTrue(body.length() > 64 * 1024, () -> "only " + body.length() + " bytes of the body arrived");
            assertFalse(body.endsWith("\r\n0\r\n\r\n"), "the final chunk was sent: the download reads as complete");
            for (String leak : Contract.LEAKS) {
                assertFalse(body.contains(leak), () -> "appended '" + leak + "'");
            }
            assertFalse(body.contains("internal_error"), "a problem body was appended");
        }
    }

    /** Everything the server sends for a GET until it closes the connection (a reset counts as closed). */
    private byte[] readUntilClosed(String path) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000); // a server that keeps the connection open fails the test instead of hanging it
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + root.getHost() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // the connection was reset after some bytes: truncated, as required
            }
            return received.toByteArray();
        }
    }
}
