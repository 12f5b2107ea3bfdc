package dev.errorcontract.runtime.server;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each resource method parameter comes from (query, path, header, cookie, form, also as members of a
 * {@code @BeanParam} class), collected at build time, so that a validation or conversion error can say {@code in} and
 * use the name the caller wrote. Parameters not listed are the body.
 */
public final class ParameterSources {

    /** A parameter's place and external name. */
    public record Source(String in, String name) {
    }

    private final Map<String, Source> sources;
    /** Class name to its members' field names (in alphabetical order) and sources. */
    private final Map<String, Map<String, Source>> members = new HashMap<>();

    public ParameterSources(Map<String, Source> sources) {
        this.sources = Map.copyOf(sources);
        sources.forEach((key, source) -> {
            int dot = key.lastIndexOf('.');
            if (key.indexOf('#') < 0 && dot > 0) {
                members.computeIfAbsent(key.substring(0, dot), type -> new TreeMap<>()).put(key.substring(dot + 1),
                        source);
            }
        });
    }

    /** The source of a parameter, or {@code null} when it is the body (or not a resource method parameter). */
    public Source find(String className, String methodName, int index) {
        return sources.get(key(className, methodName, index));
    }

    /** The source of a field of a {@code @BeanParam} class, or {@code null}. */
    public Source findField(String className, String fieldName) {
        return sources.get(fieldKey(className, fieldName));
    }

    /** The members of a {@code @BeanParam} class declared in that class, by field name; empty for other classes. */
    public Map<String, Source> members(String className) {
        return members.getOrDefault(className, Map.of());
    }

    public static String fieldKey(String className, String fieldName) {
        return className + '.' + fieldName;
    }

    public static String key(String className, String methodName, int index) {
        return className + '#' + methodName + '#' + index;
    }
}
