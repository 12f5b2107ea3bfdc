package dev.errorcontract.test.devui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls the Dev UI's JSON-RPC methods the way the card's web components do: over the Dev UI WebSocket, with
 * {@code <extension namespace>_<method>} names.
 */
final class DevUiJsonRpc implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, LinkedBlockingQueue<JsonNode>> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    DevUiJsonRpc(String baseUri) throws Exception {
        String ws = baseUri.replaceFirst("^http", "ws").replace("//localhost", "//127.0.0.1").replaceFirst("/?$",
                "/q/dev-ui/json-rpc-ws");
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(ws), new Listener()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open " + ws, e);
        }
    }

    /** The result of a method. */
    JsonNode call(String method) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(id, response);
        send(id, method);
        return response.get(10, TimeUnit.SECONDS);
    }

    /** The items a streaming method sends from now on, once the server has acknowledged the subscription. */
    LinkedBlockingQueue<JsonNode> subscribe(String method) throws Exception {
        int id = ids.incrementAndGet();
        LinkedBlockingQueue<JsonNode> items = new LinkedBlockingQueue<>();
        CompletableFuture<JsonNode> acknowledged = new CompletableFuture<>();
        subscriptions.put(id, items);
        pending.put(id, acknowledged);
        send(id, method);
        acknowledged.get(10, TimeUnit.SECONDS);
        return items;
    }

    private void send(int id, String method) {
        String request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method)
                .set("params", JSON.createObjectNode()).toString();
        socket.sendText(request, true).join();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                dispatch(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String message) {
            try {
                JsonNode json = JSON.readTree(message);
                if (!json.has("id")) {
                    return;
                }
                int id = json.get("id").asInt();
                JsonNode result = json.path("result");
                if (json.has("error")) {
                    CompletableFuture<JsonNode> response = pending.remove(id);
                    if (response != null) {
                        response.completeExceptionally(new IllegalStateException(json.get("error").toString()));
                    }
                    return;
                }
                JsonNode value = result.has("object") ? result.get("object") : result;
                if (subscriptions.containsKey(id)) {
                    if ("Void".equals(result.path("messageType").asText())) {
                        pending.remove(id).complete(value); // the subscription is in place
                    } else {
                        subscriptions.get(id).add(value);
                    }
                } else {
                    CompletableFuture<JsonNode> response = pending.remove(id);
                    if (response != null) {
                        response.complete(value);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Unreadable JSON-RPC message: " + message, e);
            }
        }
    }
}
