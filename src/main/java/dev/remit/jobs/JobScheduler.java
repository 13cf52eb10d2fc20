package dev.remit.jobs;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import com.github.kagkarlsson.scheduler.SchedulerClient;

/**
 * Schedules and cancels job instances. Writes through db-scheduler's transaction-aware DataSource, so
 * a job scheduled inside a transaction commits or rolls back with it.
 */
@Service
public class JobScheduler {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    // the scheduler is built from the jobs (tasks), which may need this: looked up when first used
    private final ObjectProvider<SchedulerClient> client;

    JobScheduler(ObjectProvider<SchedulerClient> client) {
        this.client = client;
    }

    /**
     * Schedules instance {@code instanceId} of {@code job} with {@code data} at {@code at}, or moves it
     * there with that data and a fresh retry count when it is already scheduled.
     *
     * @return false when the instance is running right now and was left as it is
     */
    public <D extends Record> boolean schedule(Job<D> job, String instanceId, D data, Instant at) {
        JobState state = job.firstState(data, at);
        SchedulerClient scheduler = client.getObject();
        if (scheduler.scheduleIfNotExists(job.instance(instanceId, state), at)) {
            return true;
        }
        try {
            scheduler.reschedule(job.instanceId(instanceId), at, state);
            return true;
        } catch (RuntimeException running) {
            log.debug("job {} {} is running; left as it is", job.name(), instanceId, running);
            return false;
        }
    }

    /** Removes a scheduled instance; does nothing when there is none. */
    public void cancel(Job<?> job, String instanceId) {
        try {
            client.getObject().cancel(job.instanceId(instanceId));
        } catch (RuntimeException notScheduled) {
            log.debug("no job {} {} to cancel", job.name(), instanceId);
        }
    }
}
