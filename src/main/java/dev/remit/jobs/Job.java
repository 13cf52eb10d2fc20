package dev.remit.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

/**
 * A durable job type: a name, a data record (stored as JSON), a handler, a {@link RetryPolicy} and a
 * hook for when retries run out. Declare one as a Spring bean (it is a db-scheduler task, so the
 * scheduler runs it) and schedule instances with {@link JobScheduler}. An instance whose server died
 * while running it is run again by another; an unexpected error in the handler (the database gone for
 * a moment) is retried with the policy's backoff, at most {@link #MAX_ERROR_BACKOFF} apart, and does
 * not count as a failed try.
 */
public final class Job<D extends Record> extends CustomTask<JobState> {

    static final Duration MAX_ERROR_BACKOFF = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(Job.class);

    /** The work of one try. */
    @FunctionalInterface
    public interface Handler<D> {
        JobResult run(D data, JobRun run);
    }

    /** Called once when a job gives up ({@link JobResult.Exhausted}), before it is removed. */
    @FunctionalInterface
    public interface ExhaustedHook<D> {
        void exhausted(D data, String reason);
    }

    private final Class<D> dataClass;
    private final RetryPolicy policy;
    private final Handler<D> handler;
    private final ExhaustedHook<D> onExhausted;
    private final Clock clock;

    private Job(String name, Class<D> dataClass, RetryPolicy policy, Handler<D> handler, ExhaustedHook<D> onExhausted,
            Clock clock) {
        super(name, JobState.class, null, at -> at, (complete, operations) -> {
            int errors = complete.getExecution().consecutiveFailures + 1;
            Duration wait = policy.delay(errors, null);
            Instant next = clock.instant().plus(wait.compareTo(MAX_ERROR_BACKOFF) > 0 ? MAX_ERROR_BACKOFF : wait);
            log.warn("job {} {} failed unexpectedly ({} in a row), trying again at {}", name,
                    complete.getExecution().taskInstance.getId(), errors, next, complete.getCause().orElse(null));
            operations.reschedule(complete, next);
        }, new DeadExecutionHandler.ReviveDeadExecution<>());
        this.dataClass = dataClass;
        this.policy = policy;
        this.handler = handler;
        this.onExhausted = onExhausted;
        this.clock = clock;
    }

    /** Starts a job type's definition: {@code Job.named("deliver-message", DeliverMessage.class)...}. */
    public static <D extends Record> Builder<D> named(String name, Class<D> dataClass) {
        return new Builder<>(name, dataClass);
    }

    public static final class Builder<D extends Record> {
        private final String name;
        private final Class<D> dataClass;
        private RetryPolicy policy;
        private ExhaustedHook<D> onExhausted = (data, reason) -> {
        };

        private Builder(String name, Class<D> dataClass) {
            this.name = Objects.requireNonNull(name);
            this.dataClass = Objects.requireNonNull(dataClass);
        }

        public Builder<D> retry(RetryPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder<D> onExhausted(ExhaustedHook<D> hook) {
            this.onExhausted = Objects.requireNonNull(hook);
            return this;
        }

        /** The job, its tries run by {@code handler} and timed by {@code clock}. */
        public Job<D> handledBy(Handler<D> handler, Clock clock) {
            return new Job<>(name, dataClass, Objects.requireNonNull(policy, "a job needs a retry policy"),
                    Objects.requireNonNull(handler), onExhausted, clock);
        }
    }

    public String name() {
        return getName();
    }

    public RetryPolicy policy() {
        return policy;
    }

    JobState firstState(D data, Instant at) {
        return JobState.first(JobJson.MAPPER.valueToTree(Objects.requireNonNull(data)), at);
    }

    @Override
    public CompletionHandler<JobState> execute(TaskInstance<JobState> instance, ExecutionContext context) {
        JobState state = instance.getData();
        D data = JobJson.MAPPER.treeToValue(state.data(), dataClass);
        JobResult result = handler.run(data, new JobRun(instance.getId(), state, policy, clock));
        if (result instanceof JobResult.RetryAt retry) {
            return (complete, operations) -> operations.reschedule(complete, retry.at());
        }
        if (result instanceof JobResult.Failed failed) {
            return (complete, operations) -> operations.reschedule(complete, failed.at(), state.failedThenDue(failed.at()));
        }
        if (result instanceof JobResult.Exhausted exhausted) {
            onExhausted.exhausted(data, exhausted.reason());
        }
        return new CompletionHandler.OnCompleteRemove<>();
    }
}
