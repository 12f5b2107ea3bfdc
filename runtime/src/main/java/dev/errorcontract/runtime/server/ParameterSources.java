package dev.errorcontract.runtime.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each resource method parameter comes from (query, path, header, cookie, form, also as members of a
 * {@code @BeanParam} class), collected at build time, so that a validation or conversion error can say {@code in} and use the
 * name
 * the caller wrote. Parameters not listed are the body.
 */
public final class ParameterSources {

    /** A parameter's place ({@code query}, {@code path}, ... as in {@code FieldError.in}) and external name. */
    public record Source(String in, String name) {
    }

    /** A parameter of a method, by its position. */
    public record MethodParameter(String declaringClass, String method, int position, Source source) {
    }

    /** A field of a {@code @BeanParam} class. */
    public record BeanParamField(String declaringClass, String field, Source source) {
    }

    private record MethodParameterKey(String declaringClass, String method, int position) {
    }

    private record FieldKey(String declaringClass, String field) {
    }

    private final Map<MethodParameterKey, Source> byParameter = new HashMap<>();
    private final Map<FieldKey, Source> byField = new HashMap<>();
    /** Class name to its members' field names (in alphabetical order) and sources. */
    private final Map<String, Map<String, Source>> members = new HashMap<>();

    public ParameterSources(List<MethodParameter> parameters, List<BeanParamField> fields) {
        parameters.forEach(parameter -> byParameter.put(
                new MethodParameterKey(parameter.declaringClass(), parameter.method(), parameter.position()),
                parameter.source()));
        fields.forEach(field -> {
            byField.put(new FieldKey(field.declaringClass(), field.field()), field.source());
            members.computeIfAbsent(field.declaringClass(), type -> new TreeMap<>()).put(field.field(), field.source());
        });
    }

    /** The source of a parameter, or {@code null} when it is the body (or not a resource method parameter). */
    public Source find(String className, String methodName, int index) {
        return byParameter.get(new MethodParameterKey(className, methodName, index));
    }

    /** The source of a field of a {@code @BeanParam} class, or {@code null}. */
    public Source findField(String className, String fieldName) {
        return byField.get(new FieldKey(className, fieldName));
    }

    /** The members of a {@code @BeanParam} class declared in that class, by field name; empty for other classes. */
    public Map<String, Source> members(String className) {
        return members.getOrDefault(className, Map.of());
    }
}
