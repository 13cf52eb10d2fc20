package dev.remit.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

import dev.remit.DatabaseConnectionFailure;
import dev.remit.RemitApplication;
import dev.remit.TimeConfig;
import dev.remit.api.ApiJsonConfig;
import dev.remit.invoice.InvoiceRepository;
import dev.remit.invoice.InvoiceSearch;
import dev.remit.invoice.InvoiceSettingsRepository;
import dev.remit.numbering.DocumentNumbers;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.payment.SecretBox;
import dev.remit.payment.StripeAccounts;
import dev.remit.tenancy.TenancyRepository;
import dev.remit.tenancy.TokenProperties;
import dev.remit.tenancy.TokenService;
import dev.remit.instance.InstanceProperties;
import dev.remit.jobs.JobScheduler;
import dev.remit.jobs.QueueOnlyScheduling;
import dev.remit.webhook.SigningKeys;
import dev.remit.webhook.WebhookJob;
import dev.remit.webhook.WebhookMetrics;
import dev.remit.webhook.WebhookProperties;
import dev.remit.webhook.WebhookRepository;
import dev.remit.webhook.WebhookService;

/**
 * What an admin command needs and nothing else: the server's configuration (application.yml,
 * SPRING_DATASOURCE_*, REMIT_*), one database connection, the schema brought up to date by the same
 * Flyway migrations, the server's clock, and the tenancy, invoice settings, payment and webhook beans
 * the commands call (webhooks are only queued here: the servers' schedulers deliver them). No web
 * server, scheduler, templates or classpath scan.
 * <p>
 * Deliberately not a {@code @Configuration}: the server's component scan covers this package, and its
 * single connection and migration strategy must stay out of the server.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
        JacksonAutoConfiguration.class, DataJdbcRepositoriesAutoConfiguration.class})
@EnableJdbcRepositories(basePackageClasses = InvoiceRepository.class)
@Import({TimeConfig.class, ApiJsonConfig.class, TenancyRepository.class, TokenService.class, InvoiceRepository.class,
        InvoiceSearch.class, InvoiceSettingsRepository.class, DocumentNumbers.class,
        InvoiceService.class, InvoiceSettingsService.class, SecretBox.class, StripeAccounts.class, JobScheduler.class,
        QueueOnlyScheduling.class, WebhookJob.class, WebhookRepository.class, WebhookService.class, SigningKeys.class,
        WebhookMetrics.class})
@EnableConfigurationProperties({InstanceProperties.class, WebhookProperties.class, TokenProperties.class})
class AdminContext {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

    /** The database cannot be reached; the message is the one line to show. */
    static class Unavailable extends RuntimeException {
        Unavailable(String line, Throwable cause) {
            super(line, cause);
        }
    }

    /** One connection for the whole command: a pool would only add threads and start-up time. */
    @Bean(destroyMethod = "destroy")
    SingleConnectionDataSource dataSource(DataSourceProperties properties) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(properties.determineUrl(),
                properties.determineUsername(), properties.determinePassword(), true);
        dataSource.setDriverClassName(properties.determineDriverClassName());
        return dataSource;
    }

    /**
     * Migrates only when the database is behind the jar's migrations: once it is current (the server has
     * started on it, or an earlier command migrated it), Flyway's scan and validation are skipped.
     */
    @Bean
    FlywayMigrationStrategy migrateWhenBehind() {
        return flyway -> {
            if (!isCurrent(flyway)) {
                flyway.migrate();
            }
        };
    }

    static boolean isCurrent(Flyway flyway) {
        MigrationVersion newest = newestMigration(flyway);
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        String schema = flyway.getConfiguration().getDefaultSchema() != null ? flyway.getConfiguration().getDefaultSchema()
                : flyway.getConfiguration().getSchemas().length > 0 ? flyway.getConfiguration().getSchemas()[0] : null;
        String table = (schema == null ? "" : schema + ".") + flyway.getConfiguration().getTable();
        try {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            boolean failed = jdbc.sql("select count(*) from " + table + " where not success").query(Long.class).single() > 0;
            MigrationVersion applied = jdbc.sql("select version from " + table + " where version is not null")
                    .query(String.class).list().stream().map(MigrationVersion::fromVersion)
                    .max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
            return !failed && applied.compareTo(newest) >= 0;
        } catch (RuntimeException noHistoryYet) {
            return false;
        }
    }

    private static MigrationVersion newestMigration(Flyway flyway) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        MigrationVersion newest = MigrationVersion.EMPTY;
        for (Location location : flyway.getConfiguration().getLocations()) {
            if (!location.isClassPath()) {
                return MigrationVersion.LATEST;
            }
            try {
                for (Resource script : resolver.getResources("classpath*:" + location.getRootPath() + "/**/V*__*.sql")) {
                    Matcher version = VERSIONED.matcher(String.valueOf(script.getFilename()));
                    if (version.matches()) {
                        MigrationVersion found = MigrationVersion.fromVersion(version.group(1).replace('_', '.'));
                        newest = found.compareTo(newest) > 0 ? found : newest;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return newest;
    }

    /** Starts the context on the server's database (the embedded H2 under REMIT_DATA_DIR unless configured). */
    static ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>(RemitApplication.embeddedDatabaseDefaults());
        properties.put("spring.main.log-startup-info", "false");
        // the command's own error line says what went wrong; LOGGING_LEVEL_ROOT=warn shows the rest
        properties.put("logging.level.root", "OFF");
        AtomicReference<ConfigurableEnvironment> environment = new AtomicReference<>();
        try {
            return new SpringApplicationBuilder(AdminContext.class).web(WebApplicationType.NONE)
                    .lazyInitialization(true).properties(properties)
                    .listeners((ApplicationEnvironmentPreparedEvent prepared) -> environment.set(prepared.getEnvironment()))
                    .run();
        } catch (RuntimeException failed) {
            if (environment.get() != null) {
                DatabaseConnectionFailure.describe(failed, environment.get()).ifPresent(line -> {
                    throw new Unavailable(line, failed);
                });
            }
            throw failed;
        }
    }
}
