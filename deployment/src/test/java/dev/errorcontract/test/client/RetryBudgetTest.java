package dev.errorcontract.test.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import java.util.logging.Level;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.errorcontract.ApiException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The retry budget stops retries of failures without Retry-After once spent, says so once in the log, and never
 * stops a retry that waits for the server's Retry-After.
 */
public class RetryBudgetTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingUpstream.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.upstream.url", "http://localhost:${quarkus.http.port}")
            .overrideConfigKey("quarkus.error-contract.client.retry-budget.max-tokens", "4")
            .setLogRecordPredicate(record -> record.getLoggerName().endsWith("RetryBudgets"))
            .assertLogRecords(records -> assertEquals(1,
                    records.stream().filter(r -> r.getLevel().equals(Level.WARNING)).count(),
                    "one warning when the budget starts refusing: " + records));

    @Inject
    @RestClient
    Client client;

    @Test
    void rateLimitedCallsAreRetriedWhateverTheBudgetAndAStormIsStopped() {
        // 4 tokens: retries allowed while more than 2 are left. Calls that meet one 429 with Retry-After are all
        // retried, and spend nothing
        for (int i = 0; i < 6; i++) {
            String caller = UUID.randomUUID().toString();
            client.get("rate-limited", caller, 1);
            assertEquals(2, RecordingUpstream.keys(caller).size(), "call " + i + " was retried");
        }
        // a storm of 503s without Retry-After: the first call retries twice (4 -> 3 -> 2), then no more retries
        int attempts = 0;
        for (int i = 0; i < 4; i++) {
            String caller = UUID.randomUUID().toString();
            assertThrows(ApiException.Unavailable.class, () -> client.get("unavailable", caller, 100));
            attempts += RecordingUpstream.keys(caller).size();
        }
        assertEquals(3 + 1 + 1 + 1, attempts);
        // still: the server's own Retry-After is followed
        String caller = UUID.randomUUID().toString();
        client.get("rate-limited", caller, 1);
        assertEquals(2, RecordingUpstream.keys(caller).size());
    }

    @RegisterRestClient(configKey = "upstream")
    @Path("/upstream")
    public interface Client {
        @GET
        @Path("/{scenario}")
        @Retry(maxRetries = 3)
        String get(@PathParam("scenario") String scenario, @QueryParam("caller") String caller,
                @QueryParam("failures") int failures);
    }
}
