package dev.remit.jobs;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;

/**
 * Scheduling without running: a scheduler client over the database, in the caller's transaction, for
 * a process whose jobs are run by the servers (the admin command line, or a server started with
 * {@code db-scheduler.enabled=false}). Import it with {@link JobScheduler} and the job beans.
 * Deliberately not a {@code @Configuration}: the server's component scan must not pick it up.
 */
public class QueueOnlyScheduling {

    @Bean
    SchedulerClient queueOnlySchedulerClient(DataSource dataSource, List<Task<?>> tasks) {
        DataSource transactional = dataSource instanceof TransactionAwareDataSourceProxy ? dataSource
                : new TransactionAwareDataSourceProxy(dataSource);
        return SchedulerClient.Builder.create(transactional, tasks).serializer(new JobJson()).build();
    }
}
