package dev.errorcontract.runtime.config;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How callers are told apart, for rate limits and idempotency keys.
 * <p>
 * The client address honours {@code X-Forwarded-For} and {@code Forwarded} only when Quarkus is told to trust the
 * proxy: {@code quarkus.http.proxy.proxy-address-forwarding=true} and {@code quarkus.http.proxy.trusted-proxies}.
 */
@ConfigMapping(prefix = "quarkus.error-contract.identity")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface IdentityConfig {

    /**
     * The request header that carries the caller's API key, for identities of type {@code api-key}. The key counts
     * only when the application's security authenticated the request (otherwise the caller counts by address), and
     * it is never stored, only a hash of it.
     */
    @WithDefault("X-API-Key")
    String apiKeyHeader();
}
