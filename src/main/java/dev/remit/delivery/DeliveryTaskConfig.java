package dev.remit.delivery;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The one db-scheduler task behind delivery: {@value #TASK}, one instance per message, its instance
 * id the delivery id and its data the location id. The worker reschedules it itself on a transient
 * failure; an unexpected error (the database gone for a moment) is retried with the same backoff by
 * the failure handler; an execution whose scheduler died mid-try is revived (run again) by another.
 */
@Configuration
class DeliveryTaskConfig {

    static final String TASK = "deliver-message";
    private static final Logger log = LoggerFactory.getLogger(DeliveryTaskConfig.class);

    @Bean
    CustomTask<String> deliveryTask(DeliveryWorker worker, RetryPolicy policy, java.time.Clock clock) {
        return Tasks.custom(TASK, String.class)
                .onFailure((complete, operations) -> {
                    int failures = complete.getExecution().consecutiveFailures + 1;
                    Instant next = clock.instant().plus(policy.delay(failures, null));
                    log.warn("delivery task {} failed ({} in a row), trying again at {}", complete.getExecution().taskInstance.getId(),
                            failures, next);
                    operations.reschedule(complete, next);
                })
                .onDeadExecutionRevive()
                .execute((instance, context) -> worker.run(instance.getData(), instance.getId()));
    }
}
