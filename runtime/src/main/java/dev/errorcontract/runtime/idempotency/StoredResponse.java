package dev.errorcontract.runtime.idempotency;

import java.util.List;
import java.util.Map;

/**
 * The first response to an idempotency key, kept for replay.
 *
 * @param body {@code null} when the body was not kept (over {@code max-response-size}, or dropped for the memory
 *        store's byte budget): a retry is then answered 409 {@code conflict}, never run again
 * @param requestId the request id of the request that ran, rewritten to the retry's own id in a replayed error body
 */
public record StoredResponse(int status, String contentType, Map<String, List<String>> headers, byte[] body,
        String requestId) {

    /** The same outcome without its body. */
    StoredResponse withoutBody() {
        return new StoredResponse(status, contentType, headers, null, requestId);
    }

    /** The bytes it holds: body and replayed headers. */
    long size() {
        long size = body == null ? 0 : body.length;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                size += header.getKey().length() + value.length();
            }
        }
        return size;
    }
}
