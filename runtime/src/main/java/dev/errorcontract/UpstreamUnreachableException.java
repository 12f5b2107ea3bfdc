package dev.errorcontract;

import jakarta.ws.rs.ProcessingException;

/**
 * A {@code @Retry} REST client call that got no response: the connection could not be made, or the response did not
 * come within the client's read timeout. It wraps the REST client's own failure (its cause), with
 * what the retry decision needs: catch {@code ProcessingException} for "the upstream is unreachable".
 */
public final class UpstreamUnreachableException extends ProcessingException {

    /** How the call failed. */
    public enum Kind {
        /** No connection (refused, unknown host, connect timeout): nothing was sent. */
        CONNECT,
        /** The request was sent and no response came in time: the upstream may have processed it. */
        READ_TIMEOUT
    }

    private final Kind kind;
    private final String client;
    private final boolean idempotent;

    public UpstreamUnreachableException(Throwable cause, Kind kind, String client, boolean idempotent) {
        super(cause.getMessage(), cause);
        this.kind = kind;
        this.client = client;
        this.idempotent = idempotent;
    }

    public Kind kind() {
        return kind;
    }

    /** The REST client interface that made the call. */
    public String client() {
        return client;
    }

    /** Whether the request was idempotent (GET, HEAD, PUT, DELETE, OPTIONS, or it carried an Idempotency-Key). */
    public boolean idempotent() {
        return idempotent;
    }
}
