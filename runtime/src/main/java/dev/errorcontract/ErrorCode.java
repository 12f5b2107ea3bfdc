package dev.errorcontract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps an application exception type (and its subtypes) to an entry of the status catalogue, so that it is rendered
 * by the contract without an {@code ExceptionMapper}:
 *
 * <pre>{@code
 * @ErrorCode(status = 409, code = "duplicate_task", exposeMessage = true)
 * public class DuplicateTaskException extends RuntimeException {
 *     public DuplicateTaskException(String title) {
 *         super("A task titled '" + title + "' already exists");
 *     }
 * }
 * }</pre>
 *
 * The same can be configured without touching the class:
 * {@code quarkus.error-contract.exceptions."com.acme.DuplicateTaskException".status=409}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ErrorCode {

    /** The HTTP status, 400 to 599. */
    int status();

    /** The stable snake_case code; the catalogue code of the status when empty. */
    String code() default "";

    /**
     * Whether the exception message is safe to show to the caller as {@code detail}. Off by default: messages often
     * carry internals. Never honoured for a 5xx, whose body never holds an exception message.
     */
    boolean exposeMessage() default false;
}
