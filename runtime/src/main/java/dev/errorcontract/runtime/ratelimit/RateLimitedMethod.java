package dev.errorcontract.runtime.ratelimit;

import dev.errorcontract.runtime.server.ResourceMethodKey;

/**
 * A resource method the rate limits apply to, as the build found it: annotated with {@code @RateLimited}, or neither
 * annotated nor exempt, so that the default bucket applies to it when one is configured.
 *
 * @param method the method, as the filters find it at run time
 * @param httpMethod {@code GET}, {@code POST}, ...
 * @param path the full path template, {@code /tasks/{id}}
 * @param bucket the bucket its {@code @RateLimited} names, or {@code null} for the default bucket
 */
public record RateLimitedMethod(ResourceMethodKey method, String httpMethod, String path, String bucket) {

    /** Whether no {@code @RateLimited} names its bucket: the default bucket applies, if one is configured. */
    public boolean underDefaultBucket() {
        return bucket == null;
    }

    /** {@code @RateLimited(bucket = "search") on org.acme.Search#find (GET /find)}, for messages. */
    String annotation() {
        return "@RateLimited(bucket = \"" + bucket + "\") on " + method.resourceClass() + "#" + method.method() + " ("
                + httpMethod + " " + path + ")";
    }
}
