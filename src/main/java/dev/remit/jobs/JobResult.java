package dev.remit.jobs;

import java.time.Instant;

/** What a job's try came to: what the scheduler does with the job next. */
public sealed interface JobResult {

    /** Finished (or nothing left to do): the job is removed. */
    record Done() implements JobResult {
    }

    /**
     * Run again at {@code at}: a wait the job chose (an outcome it must ask about again), not a
     * failed try; the retry policy's count and schedule are left as they are.
     */
    record RetryAt(Instant at) implements JobResult {
    }

    /** A failed try, to be tried again at {@code at}: made by {@link JobRun#failed}. */
    record Failed(String reason, Instant at) implements JobResult {
    }

    /**
     * Given up: the retries ran out ({@link JobRun#failed}) or the failure is permanent. The job's
     * {@code onExhausted} hook is called once and the job removed.
     */
    record Exhausted(String reason) implements JobResult {
    }
}
