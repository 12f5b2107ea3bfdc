package dev.errorcontract.runtime.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a REST client method under {@code @Retry}; added by the build, never written by applications.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RetriedCall {

    /** The HTTP method of the request ({@code GET}, {@code POST}, ...), empty when the method makes none. */
    @Nonbinding
    String httpMethod() default "";
}
