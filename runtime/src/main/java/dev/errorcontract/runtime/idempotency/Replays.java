package dev.errorcontract.runtime.idempotency;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The response a retry with a completed key gets: the stored one, marked as replayed. */
final class Replays {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private Replays() {
    }

    static Response replay(StoredResponse stored, String requestId, ObjectMapper mapper) {
        Response.ResponseBuilder replay = Response.status(stored.status());
        stored.headers().forEach((name, values) -> values.forEach(value -> replay.header(name, value)));
        if (stored.contentType() != null) {
            replay.header("Content-Type", stored.contentType());
        }
        return replay.header(REPLAYED_HEADER, "true").entity(withRequestId(stored, requestId, mapper)).build();
    }

    /**
     * The body of a replayed error carries the retry's request id, as its {@code X-Request-Id} header does: every
     * JSON string in it equal to the first request's id is replaced. Success bodies are replayed as stored.
     */
    private static byte[] withRequestId(StoredResponse stored, String requestId, ObjectMapper mapper) {
        if (stored.status() < 400 || stored.requestId() == null || stored.requestId().equals(requestId)
                || stored.contentType() == null || !IdempotencyFilters.isJson(MediaType.valueOf(stored.contentType()))) {
            return stored.body();
        }
        try {
            JsonNode body = mapper.readTree(stored.body());
            return replaceText(body, stored.requestId(), requestId) ? mapper.writeValueAsBytes(body) : stored.body();
        } catch (IOException | RuntimeException e) {
            return stored.body();
        }
    }

    private static boolean replaceText(JsonNode node, String from, String to) {
        boolean replaced = false;
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && value.asText().equals(from)) {
                    object.put(name, to);
                    replaced = true;
                } else {
                    replaced |= replaceText(value, from, to);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual() && array.get(i).asText().equals(from)) {
                    array.set(i, TextNode.valueOf(to));
                    replaced = true;
                } else {
                    replaced |= replaceText(array.get(i), from, to);
                }
            }
        }
        return replaced;
    }
}
