package dev.errorcontract.runtime.server;

import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The request id of every request: the incoming header when it is a short token of safe characters, else a new
 * random id; kept on the routing context and echoed in the response header.
 */
public final class RequestIds implements Handler<RoutingContext> {

    static final String CONTEXT_KEY = "dev.errorcontract.request-id";
    private static final int MAX_LENGTH = 64;

    private final String header;

    RequestIds(String header) {
        this.header = header;
    }

    @Override
    public void handle(RoutingContext context) {
        String id = context.request().getHeader(header);
        if (!isSafe(id)) {
            id = generate();
        }
        context.put(CONTEXT_KEY, id);
        context.response().headers().set(header, id);
        context.next();
    }

    /** The id of the request, generating one if the request id handler did not run for it. */
    public static String of(RoutingContext context) {
        if (context == null) {
            return generate();
        }
        String id = context.get(CONTEXT_KEY);
        if (id == null) {
            id = generate();
            context.put(CONTEXT_KEY, id);
        }
        return id;
    }

    static boolean isSafe(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return hex(random.nextLong()) + hex(random.nextLong());
    }

    private static String hex(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
