package dev.remit.jobs;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * What db-scheduler stores for a job instance ({@code scheduled_tasks.task_data}, as JSON): the job's
 * own data record and its retry state.
 *
 * @param data     the job's data record
 * @param failures failed tries so far
 * @param since    when the first try was due (the retry horizon counts from here)
 * @param due      when the next try is due as the retry policy planned it (backoff counts from here)
 */
record JobState(JsonNode data, int failures, Instant since, Instant due) {

    static JobState first(JsonNode data, Instant at) {
        return new JobState(data, 0, at, at);
    }

    JobState failedThenDue(Instant at) {
        return new JobState(data, failures + 1, since, at);
    }
}
