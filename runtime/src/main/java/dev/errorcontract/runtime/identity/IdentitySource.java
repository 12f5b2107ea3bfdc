package dev.errorcontract.runtime.identity;

/** The values of the {@code identity} settings: where the identity of a caller comes from. */
public final class IdentitySource {

    /** The API key header, stored only as a hash. */
    public static final String API_KEY = "api-key";
    /** The authenticated principal's name. */
    public static final String PRINCIPAL = "principal";
    /** The client address. */
    public static final String ADDRESS = "address";
    /** Prefix of a custom {@link dev.errorcontract.CallerIdentityResolver}: {@code resolver:<identifier>}. */
    public static final String RESOLVER_PREFIX = "resolver:";

    private IdentitySource() {
    }

    /** Whether the value is one of the built-in sources or a {@code resolver:<identifier>} with a non-empty name. */
    public static boolean isValid(String source) {
        return API_KEY.equals(source) || PRINCIPAL.equals(source) || ADDRESS.equals(source)
                || (source != null && source.startsWith(RESOLVER_PREFIX) && source.length() > RESOLVER_PREFIX.length());
    }

    static String resolverName(String source) {
        return source.substring(RESOLVER_PREFIX.length());
    }
}
