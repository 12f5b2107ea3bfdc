package dev.errorcontract.runtime.devui;

import java.util.List;
import java.util.Map;

import dev.errorcontract.ApiError;

/**
 * What the Dev UI card records of the running application. Implemented in the {@code runtime-dev} module and a bean
 * only in dev mode: in other modes no bean exists, and the callers (the error renderer, the rate-limit filter) skip it.
 */
public interface DevActivity {

    /** An error response the application sent, with the headers the error set and the body as sent. */
    void error(ApiError error, String method, String caller, Map<String, List<String>> headers, String body);

    /** A rate-limit decision of a bucket. */
    void rateLimit(String bucket, boolean allowed);

    /** Who a rate-limit identity (an API key's hash, say) belongs to, when the request was authenticated. */
    void caller(String identity, String principal);
}
