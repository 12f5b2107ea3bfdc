package dev.errorcontract.it.tasks;

import java.time.Instant;

/** A task of the demo API. */
public record Task(long id, String title, String priority, Instant createdAt) {
}
