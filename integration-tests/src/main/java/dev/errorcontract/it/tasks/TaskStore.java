package dev.errorcontract.it.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/** The demo's in-memory tasks, with a "busy" mark while a task is being processed. */
@ApplicationScoped
public class TaskStore {

    private final Map<Long, Task> tasks = new ConcurrentHashMap<>();
    private final Map<Long, Instant> busyUntil = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock = Clock.systemUTC();

    public Task create(NewTask newTask) {
        long id = ids.incrementAndGet();
        Task task = new Task(id, newTask.title(), newTask.priority(), clock.instant());
        tasks.put(id, task);
        return task;
    }

    public Optional<Task> find(long id) {
        return Optional.ofNullable(tasks.get(id));
    }

    public List<Task> list(int limit) {
        return tasks.values().stream().sorted(Comparator.comparingLong(Task::id)).limit(limit).toList();
    }

    public int count() {
        return tasks.size();
    }

    /** Marks the task busy for the given time. */
    public void startProcessing(long id, Duration duration) {
        busyUntil.put(id, clock.instant().plus(duration));
    }

    /** How long the task stays busy, or empty when it is not busy. */
    public Optional<Duration> busyFor(long id) {
        Instant until = busyUntil.get(id);
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now)) {
            busyUntil.remove(id);
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, until));
    }

    public boolean delete(long id) {
        busyUntil.remove(id);
        return tasks.remove(id) != null;
    }
}
