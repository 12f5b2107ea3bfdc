package dev.errorcontract.it.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.errorcontract.it.DemoConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The demo's API keys and their permissions, from {@code demo.api-keys."<key>".*}. */
@ApplicationScoped
public class ApiKeys {

    @Inject
    DemoConfig config;

    Optional<SecurityIdentity> identity(String key) {
        DemoConfig.ApiKey apiKey = config.apiKeys().get(key);
        if (apiKey == null) {
            return Optional.empty();
        }
        Set<String> roles = Set.copyOf(apiKey.permissions());
        return Optional.of(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(apiKey.owner()))
                .addRoles(roles)
                .build());
    }

    public Map<String, DemoConfig.ApiKey> all() {
        return config.apiKeys();
    }
}
