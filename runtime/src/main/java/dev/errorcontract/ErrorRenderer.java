package dev.errorcontract;

/**
 * Turns the error model into a response body. The extension ships one that writes RFC 9457
 * {@code application/problem+json}; an application replaces it by declaring its own bean, for example to keep a legacy
 * envelope:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class LegacyEnvelopeRenderer implements ErrorRenderer {
 *     public String contentType(ApiError error) {
 *         return "application/json";
 *     }
 *
 *     public Object render(ApiError error) {
 *         return Map.of("errors", List.of(Map.of("message", error.detail() == null ? error.title() : error.detail())));
 *     }
 * }
 * }</pre>
 *
 * The status and the headers ({@code X-Request-Id}, {@code Retry-After}, ...) stay the extension's; only the body
 * changes.
 */
public interface ErrorRenderer {

    /** The {@code Content-Type} of the rendered body. */
    String contentType(ApiError error);

    /** The body: any value Jackson serializes (a map, a record, a {@code JsonNode}) or a {@code String}. */
    Object render(ApiError error);
}
