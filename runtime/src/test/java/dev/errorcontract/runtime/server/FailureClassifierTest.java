package dev.errorcontract.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;

import dev.errorcontract.ApiError;
import dev.errorcontract.ApiException;
import dev.errorcontract.FieldError;
import dev.errorcontract.runtime.server.FailureClassifier.Classified;
import dev.errorcontract.runtime.server.FailureClassifier.Failure;
import dev.errorcontract.runtime.server.FailureClassifier.Phase;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

class FailureClassifierTest {

    private static final FailureClassifier.Texts TEXTS = (key, arguments) -> key;

    private final FailureClassifier classifier = new FailureClassifier(new DeclaredExceptions(Map.of(
            IllegalStateException.class.getName(), new DeclaredExceptions.Mapping(409, "stale", true))), false);

    private Classified classify(Throwable failure, Phase phase) {
        return classifier.classify(new Failure(failure, phase), TEXTS);
    }

    @Test
    void jsonErrorWhileReadingTheBodyIsTheCallersFault() throws Exception {
        Classified classified = classify(jsonError(), Phase.READING);
        assertEquals(400, classified.error().status());
        assertEquals("malformed_body", classified.error().code());
        assertNull(classified.unexpected());
    }

    @Test
    void jsonErrorAnywhereElseIsTheServers() throws Exception {
        for (Phase phase : List.of(Phase.RESOURCE, Phase.WRITING, Phase.SECURITY, Phase.ROUTING)) {
            Classified classified = classify(jsonError(), phase);
            assertEquals(500, classified.error().status(), phase.name());
            assertNotNull(classified.unexpected(), "logged with its stack trace in " + phase);
        }
    }

    @Test
    void beanJacksonCannotHandleIsAlwaysTheServers() {
        Classified classified = classify(InvalidDefinitionException.from((com.fasterxml.jackson.core.JsonParser) null,
                "no serializer", (com.fasterxml.jackson.databind.JavaType) null), Phase.READING);
        assertEquals(500, classified.error().status());
    }

    @Test
    void securityExceptions() {
        assertEquals(401, classify(new AuthenticationFailedException(), Phase.SECURITY).error().status());
        assertEquals(401, classify(new UnauthorizedException(), Phase.SECURITY).error().status());
        assertEquals(403, classify(new ForbiddenException(), Phase.SECURITY).error().status());
        FailureClassifier concealing = new FailureClassifier(new DeclaredExceptions(Map.of()), true);
        Classified concealed = concealing.classify(new Failure(new ForbiddenException(), Phase.SECURITY), TEXTS);
        assertEquals(404, concealed.error().status());
        assertEquals("not_found", concealed.error().code());
    }

    @Test
    void serverErrorWebApplicationExceptionsKeepStatusAndCode() {
        Classified unavailable = classify(new ServiceUnavailableException(30L), Phase.RESOURCE);
        assertEquals(503, unavailable.error().status());
        assertEquals("service_unavailable", unavailable.error().code());
        assertEquals(30L, unavailable.error().retryAfter());
        assertNull(unavailable.unexpected(), "a deliberate 503 is no bug");
        assertEquals("bad_gateway", classify(new WebApplicationException(502), Phase.RESOURCE).error().code());
        assertEquals("gateway_timeout", classify(new WebApplicationException(504), Phase.RESOURCE).error().code());
        Classified other = classify(new WebApplicationException("secret", 533), Phase.RESOURCE);
        assertEquals(533, other.error().status());
        assertEquals("server_error", other.error().code());
        assertEquals(StandardDetails.of(533), other.error().detail());
    }

    @Test
    void unconvertibleQueryParameterIs400NamingIt() {
        FieldError limit = FieldError.parameter(FieldError.IN_QUERY, "limit", "invalid_type", null);
        Classified classified = classifier.classify(
                new Failure(new NotFoundException(new NumberFormatException("abc")), Phase.READING, limit, null), TEXTS);
        assertEquals(400, classified.error().status());
        assertEquals("bad_request", classified.error().code());
        assertEquals("limit", classified.error().errors().get(0).field());
        assertEquals("field.invalid_type", classified.error().errors().get(0).message());
    }

    @Test
    void unconvertiblePathParameterStays404() {
        FieldError id = FieldError.parameter(FieldError.IN_PATH, "id", "invalid_type", null);
        Classified classified = classifier.classify(
                new Failure(new NotFoundException(new NumberFormatException("abc")), Phase.READING, id, null), TEXTS);
        assertEquals(404, classified.error().status());
    }

    @Test
    void restClientTransportFailures() {
        assertEquals(502, classify(new ProcessingException(new ConnectException("Connection refused")),
                Phase.RESOURCE).error().status());
        Classified timeout = classify(new ProcessingException(new TimeoutException("read timeout")), Phase.RESOURCE);
        assertEquals(504, timeout.error().status());
        assertEquals("gateway_timeout", timeout.error().code());
    }

    @Test
    void openCircuitBreakerSaysWhenToRetryWhenItsDelayIsKnown() {
        var open = new org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException("open");
        assertNull(classify(open, Phase.RESOURCE).error().retryAfter());
        Classified known = classifier.classify(new Failure(open, Phase.RESOURCE, null, Duration.ofMillis(59_001)),
                TEXTS);
        assertEquals(503, known.error().status());
        assertEquals(60L, known.error().retryAfter());
        Classified rateLimited = classify(new io.smallrye.faulttolerance.api.RateLimitException(1500), Phase.RESOURCE);
        assertEquals(429, rateLimited.error().status());
        assertEquals(2L, rateLimited.error().retryAfter());
    }

    @Test
    void declaredExceptionsByClassHierarchy() {
        Classified classified = classify(new IllegalStateException("order changed"), Phase.RESOURCE);
        assertEquals(409, classified.error().status());
        assertEquals("stale", classified.error().code());
        assertEquals("order changed", classified.error().detail());
    }

    @Test
    void anythingElseIs500WithTheCauseToLog() {
        RuntimeException failure = new RuntimeException("jdbc:postgresql://db");
        Classified classified = classify(failure, Phase.RESOURCE);
        assertEquals(500, classified.error().status());
        assertSame(failure, classified.unexpected());
        assertEquals(StandardDetails.of(500), classified.error().detail());
    }

    @Test
    void anApplicationsApiExceptionIsAsThrownWithItsCauseToLog() {
        IllegalStateException cause = new IllegalStateException("jdbc:postgresql://db");
        Classified classified = classify(ApiException.of(ApiError.of(503, null, "Payments are down"), cause),
                Phase.RESOURCE);
        assertEquals(503, classified.error().status());
        assertEquals("Payments are down", classified.error().detail());
        assertNull(classified.unexpected(), "a deliberate error is no bug");
        assertSame(cause, classified.cause());
        assertNull(classify(ApiException.notFound("x"), Phase.RESOURCE).cause());
    }

    @Test
    void aReceivedApiExceptionIsABadGateway() {
        ApiException received = ApiException.received(ApiError.of(404), Map.of(), null, null);
        Classified classified = classify(received, Phase.RESOURCE);
        assertEquals(502, classified.error().status());
        assertSame(received, classified.unexpected());
    }

    @Test
    void aUsedUpLimitAndAnUnreachableStoreSayWhenToComeBack() {
        Classified limited = FailureClassifier.rateLimited(Duration.ofMillis(1_200));
        assertEquals(429, limited.error().status());
        assertEquals("rate_limit_exceeded", limited.error().code());
        assertEquals(StandardDetails.of(429), limited.error().detail());
        assertEquals(2L, limited.error().retryAfter());
        Classified unavailable = FailureClassifier.unavailable(Duration.ZERO);
        assertEquals(503, unavailable.error().status());
        assertEquals("service_unavailable", unavailable.error().code());
        assertEquals(1L, unavailable.error().retryAfter(), "never 0");
        assertNull(FailureClassifier.unavailable(null).error().retryAfter());
    }

    private static Exception jsonError() {
        try {
            new ObjectMapper().readTree("{\"a\": ");
            throw new AssertionError("expected a parse error");
        } catch (JsonParseException e) {
            return e;
        } catch (Exception e) {
            return e;
        }
    }
}
