package dev.remit.instance;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/** What the Prometheus scrape, which answers without a token, carries. */
@Configuration(proxyBeanMethods = false)
class MetricsConfig {

    private static final List<String> INTERNAL_TAGS = List.of("code.namespace", "exception", "error");

    /**
     * Scheduled tasks' timings keep their method name and outcome, not the class that runs them nor
     * the class of what they threw: internals the scrape need not carry.
     */
    @Bean
    MeterFilter scheduledTasksWithoutClassNames() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("tasks.scheduled")) {
                    return id;
                }
                List<Tag> kept = id.getTags().stream().filter(tag -> !INTERNAL_TAGS.contains(tag.getKey())).toList();
                return id.replaceTags(kept);
            }
        };
    }
}
