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
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.errorcontract.it.DemoConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The demo's tasks, with a "busy" mark while a task is being processed: in this instance's memory, or in Redis
 * ({@code demo.task-store=redis}) so that several instances serve the same tasks. Several instances need both the
 * idempotency keys and the tasks shared: a retry replayed by another instance points at a task that instance knows.
 */
@ApplicationScoped
public class TaskStore {

    private static final String TASKS = "demo:tasks";
    private static final String IDS = "demo:tasks:ids";
    private static final String BUSY = "demo:tasks:busy:";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Clock clock = Clock.systemUTC();
    private final boolean inRedis;
    private final Instance<ReactiveRedisDataSource> redis;
    private final ObjectMapper json;

    private final Map<Long, Task> tasks = new ConcurrentHashMap<>();
    private final Map<Long, Instant> busyUntil = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    TaskStore(DemoConfig config, Instance<ReactiveRedisDataSource> redis, ObjectMapper json) {
        this.inRedis = config.taskStore() == DemoConfig.TaskStoreKind.REDIS;
        this.redis = redis;
        this.json = json;
    }

    /** Creates a task without blocking (for the non-blocking endpoint). */
    public Uni<Task> createAsync(NewTask newTask) {
        if (!inRedis) {
            return Uni.createFrom().item(() -> put(new Task(ids.incrementAndGet(), newTask.title(), newTask.priority(),
                    clock.instant())));
        }
        return redis.get().value(String.class).incr(IDS).chain(id -> {
            Task task = new Task(id, newTask.title(), newTask.priority(), clock.instant());
            return redis.get().hash(String.class).hset(TASKS, Long.toString(id), write(task)).replaceWith(task);
        });
    }

    public Task create(NewTask newTask) {
        return createAsync(newTask).await().atMost(TIMEOUT);
    }

    public Optional<Task> find(long id) {
        if (!inRedis) {
            return Optional.ofNullable(tasks.get(id));
        }
        return Optional.ofNullable(redis.get().hash(String.class).hget(TASKS, Long.toString(id)).await().atMost(TIMEOUT))
                .map(this::read);
    }

    public List<Task> list(int limit) {
        var all = inRedis
                ? redis.get().hash(String.class).hvals(TASKS).await().atMost(TIMEOUT).stream().map(this::read)
                : tasks.values().stream();
        return all.sorted(Comparator.comparingLong(Task::id)).limit(limit).toList();
    }

    public int count() {
        return inRedis ? redis.get().hash(String.class).hlen(TASKS).await().atMost(TIMEOUT).intValue() : tasks.size();
    }

    /** Marks the task busy for the given time. */
    public void startProcessing(long id, Duration duration) {
        if (inRedis) {
            redis.get().value(String.class).psetex(BUSY + id, Math.max(1, duration.toMillis()), "busy").await()
                    .atMost(TIMEOUT);
        } else {
            busyUntil.put(id, clock.instant().plus(duration));
        }
    }

    /** How long the task stays busy, or empty when it is not busy. */
    public Optional<Duration> busyFor(long id) {
        if (inRedis) {
            long millis = redis.get().key().pttl(BUSY + id).await().atMost(TIMEOUT);
            return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
        }
        Instant until = busyUntil.get(id);
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now)) {
            busyUntil.remove(id);
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, until));
    }

    public boolean delete(long id) {
        if (inRedis) {
            redis.get().key().del(BUSY + id).await().atMost(TIMEOUT);
            return redis.get().hash(String.class).hdel(TASKS, Long.toString(id)).await().atMost(TIMEOUT) > 0;
        }
        busyUntil.remove(id);
        return tasks.remove(id) != null;
    }

    private Task put(Task task) {
        tasks.put(task.id(), task);
        return task;
    }

    private String write(Task task) {
        try {
            return json.writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Task read(String value) {
        try {
            return json.readValue(value, Task.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
