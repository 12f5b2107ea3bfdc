package dev.errorcontract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a POST or PATCH resource method safe to retry with an {@code Idempotency-Key} header: the first request with
 * a key runs once; a retry with the same key and body gets the first response replayed (with
 * {@code Idempotent-Replayed: true}); the same key with another body gets 409 {@code idempotency_conflict}; the same
 * key while the first request still runs gets 409 {@code request_in_progress} with {@code Retry-After}.
 *
 * <pre>
 * {@code
 * &#64;POST
 * &#64;Idempotent
 * public Response create(NewTask task) { ... }
 * }
 * </pre>
 *
 * Keys are scoped to the caller ({@code quarkus.error-contract.idempotency.identity}) and kept for
 * {@code quarkus.error-contract.idempotency.retention} (24 hours by default).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {

    /** Whether a request without {@code Idempotency-Key} is refused with 400 {@code idempotency_key_missing}. */
    boolean required() default false;
}
