package dev.remit.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One try of a job: what its retry policy knows about it, and how to report a failed try. */
public final class JobRun {

    private final String instanceId;
    private final JobState state;
    private final RetryPolicy policy;
    private final Clock clock;

    JobRun(String instanceId, JobState state, RetryPolicy policy, Clock clock) {
        this.instanceId = instanceId;
        this.state = state;
        this.policy = policy;
        this.clock = clock;
    }

    public String instanceId() {
        return instanceId;
    }

    /** Failed tries before this one. */
    public int failures() {
        return state.failures();
    }

    /** When the job's first try was due: its retry horizon counts from here. */
    public Instant since() {
        return state.since();
    }

    /**
     * This try failed: {@link JobResult.Failed} with the policy's next try (a whole millisecond, as the
     * API writes times), or {@link JobResult.Exhausted} when the retries have run out.
     */
    public JobResult failed(String reason, Duration retryAfter) {
        return policy.next(state.failures() + 1, state.since(), state.due(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), retryAfter)
                .<JobResult>map(at -> new JobResult.Failed(reason, at))
                .orElseGet(() -> new JobResult.Exhausted(reason));
    }

    public JobResult failed(String reason) {
        return failed(reason, null);
    }
}
