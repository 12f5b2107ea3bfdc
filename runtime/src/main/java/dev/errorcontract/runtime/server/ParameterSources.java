package dev.errorcontract.runtime.server;

import java.util.Map;

/**
 * Where each resource method parameter comes from (query, path, header, cookie, form, also as members of a {@code @BeanParam} class), collected at build time, so that a
 * validation error can say {@code in} and use the name the caller wrote. Parameters not listed are the body.
 */
public final class ParameterSources {

    /** A parameter's place and external name. */
    public record Source(String in, String name) {
    }

    private final Map<String, Source> sources;

    public ParameterSources(Map<String, Source> sources) {
        this.sources = Map.copyOf(sources);
    }

    /** The source of a parameter, or {@code null} when it is the body (or not a resource method parameter). */
    public Source find(String className, String methodName, int index) {
        return sources.get(key(className, methodName, index));
    }

    /** The source of a field of a {@code @BeanParam} class, or {@code null}. */
    public Source findField(String className, String fieldName) {
        return sources.get(fieldKey(className, fieldName));
    }

    public static String fieldKey(String className, String fieldName) {
        return className + '.' + fieldName;
    }

    public static String key(String className, String methodName, int index) {
        return className + '#' + methodName + '#' + index;
    }
}
