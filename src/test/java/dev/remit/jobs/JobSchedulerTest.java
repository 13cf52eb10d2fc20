package dev.remit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.support.MutableClock;
import dev.remit.support.TestClock;
import dev.remit.support.TestDatabase;

/**
 * The jobs helper on a running scheduler, timed by the test clock: a job scheduled in a transaction
 * that rolls back does not exist; Done removes it; RetryAt moves it to that instant; failed tries
 * follow the retry policy until the horizon, then the exhausted hook runs once; the data record comes
 * back as it was scheduled. Runs on a database of its own, so no other context's scheduler runs its jobs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "remit.bootstrap.enabled=false", "db-scheduler.polling-interval=100ms"})
@Import({TestClock.class, JobSchedulerTest.TestJob.class})
class JobSchedulerTest {

    private static final Map<String, Object> DATABASE = TestDatabase.fresh("jobs");
    static final RetryPolicy POLICY = new RetryPolicy(Duration.ofHours(1), 2, Duration.ofHours(4), 0, Duration.ofHours(5));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DATABASE.forEach((key, value) -> registry.add(key, () -> value));
        registry.add("remit.data-dir", () -> System.getProperty("java.io.tmpdir") + "/remit-jobs-" + DATABASE.hashCode());
    }

    /** A job's data: a few types that must survive the trip through the database. */
    record Greeting(String name, int count, Instant at, List<String> tags) {
    }

    /** What each instance's tries answer (by instance id), and what the job saw. */
    static final Map<String, BiFunction<Greeting, JobRun, JobResult>> SCRIPT = new ConcurrentHashMap<>();
    static final List<String> TRIES = new CopyOnWriteArrayList<>();
    static final List<Greeting> SEEN = new CopyOnWriteArrayList<>();
    static final List<String> EXHAUSTED = new CopyOnWriteArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class TestJob {
        @Bean
        Job<Greeting> greet(Clock clock) {
            return Job.named("test-greet", Greeting.class)
                    .retry(POLICY)
                    .onExhausted((greeting, reason) -> EXHAUSTED.add(greeting.name() + ": " + reason))
                    .handledBy((greeting, run) -> {
                        TRIES.add(run.instanceId() + "#" + run.failures());
                        SEEN.add(greeting);
                        return SCRIPT.get(run.instanceId()).apply(greeting, run);
                    }, clock);
        }
    }

    @Autowired
    JobScheduler jobs;

    @Autowired
    Job<Greeting> greet;

    @Autowired
    MutableClock clock;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aJobScheduledInATransactionThatRollsBackDoesNotExist() {
        Greeting greeting = new Greeting("rolled", 1, clock.instant(), List.of());
        SCRIPT.put("rolled-back", (g, run) -> new JobResult.Done());
        SCRIPT.put("committed", (g, run) -> new JobResult.Done());
        Instant later = clock.instant().plus(Duration.ofDays(30));
        transaction.executeWithoutResult(status -> {
            jobs.schedule(greet, "rolled-back", greeting, later);
            assertThat(executionTime("rolled-back")).as("visible inside its transaction").contains(later);
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> jobs.schedule(greet, "committed", greeting, later));

        assertThat(executionTime("rolled-back")).isEmpty();
        assertThat(executionTime("committed")).contains(later);
        String stored = new String(jdbc.sql("select task_data from scheduled_tasks where task_name = 'test-greet' and "
                + "task_instance = 'committed'").query(byte[].class).single(), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("{\"data\":{\"name\":\"rolled\",\"count\":1,").contains("\"failures\":0");
        jobs.cancel(greet, "committed");
        assertThat(executionTime("committed")).isEmpty();
    }

    @Test
    void doneRemovesTheJobAndTheDataComesBackAsItWasScheduled() {
        Greeting greeting = new Greeting("Pat", 3, Instant.parse("2031-01-02T03:04:05.678Z"), List.of("a", "b"));
        SCRIPT.put("done", (g, run) -> new JobResult.Done());
        Instant due = clock.instant().plus(Duration.ofMinutes(1));
        jobs.schedule(greet, "done", greeting, due);

        clock.set(due);
        await().atMost(Duration.ofSeconds(20)).until(() -> executionTime("done").isEmpty());
        assertThat(TRIES).containsOnlyOnce("done#0");
        assertThat(SEEN).contains(greeting);
    }

    @Test
    void aJobDueNowRunsWhileTheClockStandsStill() {
        Greeting greeting = new Greeting("now", 1, clock.instant(), List.of());
        SCRIPT.put("due-now", (g, run) -> new JobResult.Done());
        Instant before = clock.instant();
        transaction.executeWithoutResult(status -> jobs.schedule(greet, "due-now", greeting, clock.instant()));

        await().atMost(Duration.ofSeconds(20)).until(() -> executionTime("due-now").isEmpty());
        assertThat(TRIES).containsOnlyOnce("due-now#0");
        assertThat(clock.instant()).isEqualTo(before);
    }

    @Test
    void retryAtMovesTheJobToThatInstantWithoutCountingAFailure() {
        Instant due = clock.instant().plus(Duration.ofMinutes(1));
        Instant again = due.plus(Duration.ofMinutes(17));
        AtomicBoolean asked = new AtomicBoolean();
        SCRIPT.put("retry-at", (g, run) -> asked.getAndSet(true) ? new JobResult.Done() : new JobResult.RetryAt(again));
        jobs.schedule(greet, "retry-at", new Greeting("Sam", 1, due, List.of()), due);

        clock.set(due);
        await().atMost(Duration.ofSeconds(20)).until(() -> executionTime("retry-at").equals(Optional.of(again)));
        clock.set(again);
        await().atMost(Duration.ofSeconds(20)).until(() -> executionTime("retry-at").isEmpty());
        assertThat(TRIES.stream().filter(t -> t.startsWith("retry-at#"))).containsExactly("retry-at#0", "retry-at#0");
    }

    @Test
    void aTryThatLostARaceWithAnotherWriterIsTriedAgainWithinSecondsNotAtThePolicysBackoff() {
        Instant due = clock.instant().plus(Duration.ofMinutes(1));
        AtomicBoolean conflicted = new AtomicBoolean();
        SCRIPT.put("conflict", (g, run) -> {
            if (!conflicted.getAndSet(true)) {
                throw new org.springframework.dao.OptimisticLockingFailureException("invoice changed since version 1");
            }
            return new JobResult.Done();
        });
        SCRIPT.put("broken", (g, run) -> {
            throw new IllegalStateException("the database is gone for a moment");
        });
        jobs.schedule(greet, "conflict", new Greeting("Kim", 1, due, List.of()), due);
        jobs.schedule(greet, "broken", new Greeting("Lee", 1, due, List.of()), due);

        clock.set(due);
        Instant second = due.plus(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> executionTime("conflict").equals(Optional.of(second)));
        await().atMost(Duration.ofSeconds(20)).until(() -> executionTime("broken").equals(Optional.of(due.plus(Duration.ofMinutes(5)))));
        clock.set(second);
        await().atMost(Duration.ofSeconds(20)).until(() -> executionTime("conflict").isEmpty());
        assertThat(TRIES.stream().filter(t -> t.startsWith("conflict#"))).containsExactly("conflict#0", "conflict#0");
        jobs.cancel(greet, "broken");
    }

    @Test
    void failedTriesFollowThePolicyAndTheHookRunsOnceWhenTheyRunOut() {
        Instant due = clock.instant().plus(Duration.ofMinutes(1));
        SCRIPT.put("failing", (g, run) -> run.failed("try " + (run.failures() + 1) + " refused"));
        jobs.schedule(greet, "failing", new Greeting("Alex", 1, due, List.of()), due);

        // 1h, then 2h, then 4h but no later than the 5h horizon; the try at the horizon is the last.
        List<Instant> expected = List.of(due.plus(Duration.ofHours(1)), due.plus(Duration.ofHours(3)), due.plus(Duration.ofHours(5)));
        clock.set(due);
        for (Instant next : expected) {
            await().atMost(Duration.ofSeconds(20)).until(() -> executionTime("failing").equals(Optional.of(next)));
            assertThat(EXHAUSTED).isEmpty();
            clock.set(next);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> executionTime("failing").isEmpty());
        assertThat(TRIES.stream().filter(t -> t.startsWith("failing#"))).containsExactly("failing#0", "failing#1",
                "failing#2", "failing#3");
        assertThat(EXHAUSTED).containsExactly("Alex: try 4 refused");
    }

    private Optional<Instant> executionTime(String instance) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_name = 'test-greet' and task_instance = ?")
                .param(instance).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }
}
