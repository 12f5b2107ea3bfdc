package dev.errorcontract.server;

/**
 * The extension's own {@code detail} texts, for errors whose cause must not be shown to the caller.
 */
public final class StandardDetails {

    private StandardDetails() {
    }

    /** A safe, generic detail for a status, or {@code null} when there is none. */
    public static String of(int status) {
        return switch (status) {
            case 400 -> "The request is not valid.";
            case 401 -> "Authentication is required to access this resource.";
            case 403 -> "You are not allowed to perform this operation.";
            case 404 -> "The requested resource does not exist.";
            case 405 -> "The request method is not allowed on this resource.";
            case 406 -> "None of the media types the request accepts can be produced.";
            case 409 -> "The request conflicts with the current state of the resource.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 415 -> "The media type of the request body is not supported.";
            case 422 -> "The request is not valid.";
            case 429 -> "Too many requests: the rate limit is used up.";
            case 431 -> "The request headers are too large.";
            case 500 -> "An unexpected error occurred. Quote the request id when reporting it.";
            case 502 -> "An upstream service failed.";
            case 503 -> "The service is temporarily unavailable.";
            case 504 -> "An upstream service did not answer in time.";
            default -> null;
        };
    }
}
