package dev.errorcontract.runtime.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import dev.errorcontract.UpstreamUnreachableException;

/** Tells, from a REST client failure's causes, whether the call got no response and why. */
final class TransportFailures {

    private TransportFailures() {
    }

    /** The kind of a REST client failure that got no response, or {@code null} for any other failure. */
    static UpstreamUnreachableException.Kind kindOf(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            String name = current.getClass().getName();
            if (current instanceof ConnectException || current instanceof UnknownHostException
                    || current instanceof NoRouteToHostException
                    || name.equals("io.netty.channel.ConnectTimeoutException")) {
                return UpstreamUnreachableException.Kind.CONNECT;
            }
            if (current instanceof TimeoutException || current instanceof SocketTimeoutException
                    || name.endsWith(".NoStackTraceTimeoutException") || name.endsWith(".ReadTimeoutException")) {
                return UpstreamUnreachableException.Kind.READ_TIMEOUT;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }
}
