package dev.remit.schedule;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.remit.jobs.Job;
import dev.remit.jobs.JobScheduler;

/** Schedules and cancels a schedule's occurrence job, in the caller's transaction. */
@Component
class OccurrencePlanner {

    private final JobScheduler jobs;
    // the job is built from the runner, which plans the next occurrence: looked up when first used
    private final ObjectProvider<Job<OccurrenceJob.RunOccurrence>> job;

    OccurrencePlanner(JobScheduler jobs, ObjectProvider<Job<OccurrenceJob.RunOccurrence>> job) {
        this.jobs = jobs;
        this.job = job;
    }

    /** The job for the schedule's planned next occurrence, if it has one. */
    void plan(InvoiceSchedule schedule) {
        if (schedule.nextOccurrence() == null) {
            return;
        }
        String key = schedule.nextOccurrence().toString();
        jobs.schedule(job.getObject(), instanceId(schedule.id(), key),
                new OccurrenceJob.RunOccurrence(schedule.locationId(), schedule.id(), key), schedule.nextRunAt());
    }

    /** Removes the job of the schedule's planned next occurrence (a running one checks the schedule itself). */
    void unplan(InvoiceSchedule schedule) {
        if (schedule.nextOccurrence() != null) {
            jobs.cancel(job.getObject(), instanceId(schedule.id(), schedule.nextOccurrence().toString()));
        }
    }

    static String instanceId(String scheduleId, String occurrence) {
        return scheduleId + "@" + occurrence;
    }
}
