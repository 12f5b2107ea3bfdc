package dev.errorcontract.idempotency;

import java.util.List;
import java.util.Map;

/** The first response to an idempotency key, kept for replay. */
public record StoredResponse(int status, String contentType, Map<String, List<String>> headers, byte[] body) {
}
