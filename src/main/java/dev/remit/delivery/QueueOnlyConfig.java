package dev.remit.delivery;

import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerConfigurationSupport;
import com.github.kagkarlsson.scheduler.task.Task;

/**
 * An instance started with {@code db-scheduler.enabled=false} runs no workers but still queues
 * messages (in the caller's transaction, as always): the instances whose scheduler runs deliver them.
 */
@Configuration
@ConditionalOnProperty(name = "db-scheduler.enabled", havingValue = "false")
class QueueOnlyConfig {

    private static final Logger log = LoggerFactory.getLogger(QueueOnlyConfig.class);

    @Bean
    SchedulerClient queueOnlySchedulerClient(DataSource dataSource, List<Task<?>> tasks) {
        log.info("db-scheduler is disabled here: messages are queued for the instances that run it to deliver");
        DataSource transactional = dataSource instanceof TransactionAwareDataSourceProxy ? dataSource
                : new TransactionAwareDataSourceProxy(dataSource);
        return SchedulerClient.Builder.create(transactional, tasks)
                .serializer(DbSchedulerConfigurationSupport.SPRING_JAVA_SERIALIZER)
                .build();
    }
}
