package dev.errorcontract.runtime.config;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the server renders the error contract.
 */
@ConfigMapping(prefix = "quarkus.error-contract")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ErrorContractConfig {

    /**
     * Base URI of the problem {@code type} member. When set, {@code type} is this base followed by the error code (for
     * example {@code https://errors.example.com/} gives {@code https://errors.example.com/not_found}); when not set,
     * {@code type} is {@code about:blank}.
     */
    Optional<String> typeBaseUri();

    /**
     * The status of a bean validation failure of a request: 422 (Unprocessable Content) or 400 (Bad Request). The code
     * stays {@code validation_error}.
     */
    @WithDefault("422")
    int validationStatus();

    /**
     * The languages of the titles and details the extension writes, the first being the default. The caller's
     * {@code Accept-Language} picks among them; the response says which in {@code Content-Language}. English and German
     * are built in; add others with an {@code error-contract-messages_<language>.properties} file.
     */
    @WithDefault("en,de")
    List<String> languages();

    /**
     * Give an error response that has no body (a resource's {@code return Response.status(404).build()}, a filter's
     * {@code abortWith(Response.status(401).build())}) the contract's body for its status, keeping its headers. A
     * response with its own entity is never changed.
     */
    @WithDefault("true")
    boolean fillBodilessErrors();

    /** Request correlation. */
    RequestId requestId();

    /** Security failures. */
    Security security();

    interface RequestId {
        /**
         * The header that carries the request id, read from the request and written to every response. An incoming
         * value is reused only when it is 1 to 64 characters of letters, digits, {@code -}, {@code _}, {@code .} and
         * {@code :}; otherwise a new id is generated.
         */
        @WithDefault("X-Request-Id")
        String header();
    }

    interface Security {
        /**
         * Answer 403 (authenticated, not permitted) as 404 {@code not_found}, so that a caller cannot tell that a
         * resource of another tenant exists.
         */
        @WithDefault("false")
        boolean concealForbiddenAsNotFound();
    }
}
