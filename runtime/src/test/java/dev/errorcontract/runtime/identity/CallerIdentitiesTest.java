package dev.errorcontract.runtime.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** How a caller's identity is written: a prefix saying where it came from, and an API key only as a hash. */
class CallerIdentitiesTest {

    @Test
    void anApiKeyIsKeptOnlyAsATruncatedSha256() {
        // SHA-256("alice-key"), its first 16 bytes in hex
        assertEquals("key:72ee9d4355ccb9d3a4c9dbf37382e38e", CallerIdentities.apiKey("alice-key"));
        assertFalse(CallerIdentities.apiKey("alice-key").contains("alice"));
    }

    @Test
    void surroundingWhitespaceIsNotPartOfTheKey() {
        assertEquals(CallerIdentities.apiKey("alice-key"), CallerIdentities.apiKey("  alice-key\t"));
        assertNotEquals(CallerIdentities.apiKey("alice-key"), CallerIdentities.apiKey("alice-kez"));
    }

    @Test
    void noKeyIsNoIdentity() {
        assertNull(CallerIdentities.apiKey(null));
        assertNull(CallerIdentities.apiKey(""));
        assertNull(CallerIdentities.apiKey("   "));
    }

    @Test
    void aPrincipalIsItsName() {
        assertEquals("principal:alice", CallerIdentities.principal(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("alice")).build()));
        assertNull(CallerIdentities.principal(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("")).build()));
    }

    @Test
    void noAddressIsUnknown() {
        assertEquals("addr:unknown", CallerIdentities.address(null));
    }

    @Test
    void theSameTextFromTwoSourcesIsTwoIdentities() {
        String principal = CallerIdentities.principal(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("alice-key")).build());
        assertNotEquals(CallerIdentities.apiKey("alice-key"), principal);
    }

    @Test
    void identitySettings() {
        assertTrue(IdentitySource.isValid("api-key"));
        assertTrue(IdentitySource.isValid("principal"));
        assertTrue(IdentitySource.isValid("address"));
        assertTrue(IdentitySource.isValid("resolver:tenant"));
        assertFalse(IdentitySource.isValid("resolver:"));
        assertFalse(IdentitySource.isValid("apikey"));
        assertFalse(IdentitySource.isValid(null));
        assertEquals("tenant", IdentitySource.resolverName("resolver:tenant"));
    }
}
