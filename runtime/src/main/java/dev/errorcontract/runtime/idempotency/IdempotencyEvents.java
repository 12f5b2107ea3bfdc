package dev.errorcontract.runtime.idempotency;

import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.errorcontract.runtime.metrics.ContractMetrics;

/**
 * What the idempotency layer counts and logs when its store fails or its guarantee is weakened for a key. Every
 * event is counted; log lines are throttled to one per kind every 10 seconds, each saying how many events it stands
 * for, so an outage or a flood cannot turn into a log storm.
 */
final class IdempotencyEvents {

    static final long LOG_INTERVAL_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger("dev.errorcontract.idempotency");

    private final ContractMetrics metrics;
    private final Throttle storeFailures = new Throttle();
    private final Throttle evictions = new Throttle();
    private final Throttle droppedBodies = new Throttle();
    private final Throttle tooLarge = new Throttle();

    IdempotencyEvents(ContractMetrics metrics) {
        this.metrics = metrics;
    }

    /** The store failed while claiming a key or storing a response. */
    void storeFailure(String requestId, String method, String path, String consequence, Throwable failure) {
        metrics.idempotency("store_failure");
        long count = storeFailures.count();
        if (count > 0) {
            LOG.errorf("Idempotency store failed: request_id=%s %s %s: %s (%s; %d store failure(s) in the last %d s, "
                    + "%d in all; stack trace at DEBUG)", requestId, method, path, consequence, failure,
                    count, LOG_INTERVAL_SECONDS, storeFailures.total());
            LOG.debugf(failure, "Idempotency store failure of request_id=%s", requestId);
        }
    }

    /** The memory store forgot a completed key before its retention ended, to make room. */
    void evicted() {
        metrics.idempotency("evicted");
        long count = evictions.count();
        if (count > 0) {
            LOG.warnf("Idempotency memory store full: %d completed key(s) forgotten before their retention ended in the"
                    + " last %d s (%d in all). A retry with such a key runs the method again: exactly-once no longer holds"
                    + " for them. Raise quarkus.error-contract.idempotency.memory.max-entries (and max-entries-per-caller)"
                    + " or use quarkus.error-contract.idempotency.store=redis", count, LOG_INTERVAL_SECONDS,
                    evictions.total());
        }
    }

    /** The memory store dropped a stored body (its key is kept) to stay within its byte budget. */
    void bodyDropped() {
        metrics.idempotency("body_dropped");
        long count = droppedBodies.count();
        if (count > 0) {
            LOG.warnf("Idempotency memory store over quarkus.error-contract.idempotency.memory.max-bytes: %d stored "
                    + "response body(ies) dropped in the last %d s (%d in all); their keys are kept, a retry with them "
                    + "gets 409 conflict instead of the replayed response", count, LOG_INTERVAL_SECONDS,
                    droppedBodies.total());
        }
    }

    /** A response was over the per-response cap: its outcome is kept, not its body. */
    void responseTooLarge(String requestId, String method, String path, int size, long limit) {
        metrics.idempotency("response_too_large");
        long count = tooLarge.count();
        if (count > 0) {
            LOG.warnf("request_id=%s %s %s: the response (%d bytes) is over quarkus.error-contract.idempotency."
                    + "max-response-size (%d bytes): its key is kept without the body, a retry with it gets 409 conflict"
                    + " (%d such response(s) in the last %d s, %d in all)", requestId, method, path, size, limit,
                    count, LOG_INTERVAL_SECONDS, tooLarge.total());
        }
    }

    /** Counts events and lets one log line through per interval. */
    private static final class Throttle {
        private long total;
        private long sinceLog;
        private long lastLogNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS);

        /** Counts one event: the events since the last log line when a line is due now, else 0. */
        synchronized long count() {
            total++;
            sinceLog++;
            long now = System.nanoTime();
            if (now - lastLogNanos < TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS)) {
                return 0;
            }
            lastLogNanos = now;
            long count = sinceLog;
            sinceLog = 0;
            return count;
        }

        synchronized long total() {
            return total;
        }
    }
}
