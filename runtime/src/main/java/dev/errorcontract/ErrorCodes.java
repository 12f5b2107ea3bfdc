package dev.errorcontract;

/**
 * The status catalogue of the contract: the stable {@code code} of each status and its default title.
 * <p>
 * Codes never change with the language of the response; applications may add their own codes with
 * {@link ErrorCode} or {@link ApiException#of(int, String, String)}.
 */
public final class ErrorCodes {

    public static final String BAD_REQUEST = "bad_request";
    public static final String MALFORMED_BODY = "malformed_body";
    public static final String IDEMPOTENCY_KEY_MISSING = "idempotency_key_missing";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String PAYMENT_REQUIRED = "payment_required";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    public static final String CONFLICT = "conflict";
    public static final String IDEMPOTENCY_CONFLICT = "idempotency_conflict";
    public static final String REQUEST_IN_PROGRESS = "request_in_progress";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String URI_TOO_LONG = "uri_too_long";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String VALIDATION_ERROR = "validation_error";
    public static final String LOCKED = "locked";
    public static final String RATE_LIMIT_EXCEEDED = "rate_limit_exceeded";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String BAD_GATEWAY = "bad_gateway";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    public static final String GATEWAY_TIMEOUT = "gateway_timeout";

    private ErrorCodes() {
    }

    /** The catalogue code of a status, or a generic one ({@code client_error} / {@code server_error}) for the others. */
    public static String defaultCode(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 402 -> PAYMENT_REQUIRED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_ERROR;
            case 423 -> LOCKED;
            case 429 -> RATE_LIMIT_EXCEEDED;
            case 500 -> INTERNAL_ERROR;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? "server_error" : "client_error";
        };
    }

    /** The English title of a status (its reason phrase), used when an error gives none. */
    public static String defaultTitle(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 423 -> "Locked";
            case 424 -> "Failed Dependency";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 451 -> "Unavailable For Legal Reasons";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
