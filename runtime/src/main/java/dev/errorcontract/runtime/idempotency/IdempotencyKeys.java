package dev.errorcontract.runtime.idempotency;

/** The syntax of the {@code Idempotency-Key} header. */
final class IdempotencyKeys {

    static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /**
     * The key of a header value: 1 to 255 visible ASCII characters, bare or as a structured-field string
     * ({@code "..."}, with {@code \"} and {@code \\} escapes); {@code null} when the value is not a valid key.
     */
    static String parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            StringBuilder key = new StringBuilder(value.length());
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\') {
                    if (++i == value.length() - 1) {
                        return null;
                    }
                    c = value.charAt(i);
                    if (c != '"' && c != '\\') {
                        return null;
                    }
                } else if (c == '"') {
                    return null;
                }
                key.append(c);
            }
            value = key.toString();
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
        }
        return value;
    }
}
