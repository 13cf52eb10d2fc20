package dev.remit.jobs;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;

/** db-scheduler as the jobs use it: task data stored as JSON ({@link JobJson}). */
@Configuration(proxyBeanMethods = false)
class JobsConfig {

    @Bean
    DbSchedulerCustomizer jobDataAsJson() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(new JobJson());
            }
        };
    }

    /**
     * An instance started with {@code db-scheduler.enabled=false} runs no jobs but still schedules
     * them (in the caller's transaction, as always): the instances whose scheduler runs do them.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "db-scheduler.enabled", havingValue = "false")
    @Import(QueueOnlyScheduling.class)
    static class QueueOnly {

        private static final Logger log = LoggerFactory.getLogger(QueueOnly.class);

        QueueOnly() {
            log.info("db-scheduler is disabled here: jobs are scheduled for the instances that run it");
        }
    }
}
