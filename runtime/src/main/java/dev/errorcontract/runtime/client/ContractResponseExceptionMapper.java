package dev.errorcontract.runtime.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

import dev.errorcontract.ApiError;
import dev.errorcontract.ApiException;
import dev.errorcontract.runtime.config.ClientConfig;
import io.quarkus.arc.Arc;
import io.quarkus.rest.client.reactive.runtime.ResteasyReactiveResponseExceptionMapper;

/**
 * Turns every error response (4xx and 5xx) of every REST client into an {@link ApiException} of the contract's model,
 * reading the status first and the body second. Registered for all clients; an application's own mapper with a
 * higher priority (a lower number) still comes first.
 */
@Priority(ContractResponseExceptionMapper.PRIORITY)
public class ContractResponseExceptionMapper implements ResteasyReactiveResponseExceptionMapper<ApiException> {

    static final int PRIORITY = Priorities.USER + 500;

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    public ApiException toThrowable(Response response, RestClientRequestContext context) {
        ClientConfig config = Arc.container().instance(ClientConfig.class).get();
        String client = ContractClientFilter.clientName(context);
        if (!enabled(config, client)) {
            return null;
        }
        byte[] body = readBody(response, config.maxBodyBytes());
        MultivaluedMap<String, String> headers = response.getStringHeaders();
        ApiError error = ErrorBodyReader.read(response.getStatus(), body, response.getHeaderString("Retry-After"));
        String key = context == null ? null : context.getRequestHeadersAsMap().getFirst(ContractClientFilter.IDEMPOTENCY_KEY);
        return ApiException.received(error, Map.<String, List<String>> copyOf(headers),
                ErrorBodyReader.rawBody(body, body.length),
                new ApiException.Origin(client, context == null ? null : context.getHttpMethod(), key));
    }

    private static boolean enabled(ClientConfig config, String client) {
        ClientConfig.Client perClient = client == null ? null : config.clients().get(client);
        return perClient != null && perClient.enabled().isPresent() ? perClient.enabled().get() : config.enabled();
    }

    /** At most {@code maxBytes} of the body: the rest is never read, let alone parsed. */
    private static byte[] readBody(Response response, int maxBytes) {
        try {
            if (!response.hasEntity()) {
                return new byte[0];
            }
            try (InputStream body = response.readEntity(InputStream.class)) {
                return body == null ? new byte[0] : body.readNBytes(Math.max(0, maxBytes));
            }
        } catch (RuntimeException | IOException e) {
            return new byte[0]; // a body that cannot be read never hides the status
        }
    }
}
