package dev.errorcontract;

/**
 * One field-level problem inside an {@link ApiError}, for example a bean validation violation.
 *
 * <pre>{@code
 * new FieldError("priority", "/priority", FieldError.IN_BODY, "invalid_value", "Must be one of: low, medium, high, urgent")
 * }</pre>
 *
 * @param field the name of the field as the caller wrote it ({@code priority}, {@code limit})
 * @param pointer RFC 6901 JSON pointer into the request body ({@code /items/0/sku}), or {@code null} when the field is
 *        not in the body
 * @param in where the field is: {@code body}, {@code query}, {@code path}, {@code header}, {@code cookie} or
 *        {@code form}; {@code null} when unknown
 * @param code stable machine-readable snake_case code of the problem
 * @param message human text, safe to show to the caller
 */
public record FieldError(String field, String pointer, String in, String code, String message) {

    public static final String IN_BODY = "body";
    public static final String IN_QUERY = "query";
    public static final String IN_PATH = "path";
    public static final String IN_HEADER = "header";
    public static final String IN_COOKIE = "cookie";
    public static final String IN_FORM = "form";

    /**
     * A problem with a field of the JSON request body, named by its path as in {@code items[0].sku}; the JSON pointer
     * ({@code /items/0/sku}) is derived from it.
     */
    public static FieldError body(String field, String code, String message) {
        return new FieldError(field, pointer(field), IN_BODY, code, message);
    }

    /** The RFC 6901 pointer of a field path such as {@code items[0].sku}. */
    static String pointer(String fieldPath) {
        StringBuilder pointer = new StringBuilder(fieldPath.length() + 2);
        for (String segment : fieldPath.split("\\.|\\[|\\]\\.?")) {
            if (!segment.isEmpty()) {
                pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.toString();
    }

    /** A problem with a query, path, header, cookie or form parameter. */
    public static FieldError parameter(String in, String name, String code, String message) {
        return new FieldError(name, null, in, code, message);
    }
}
