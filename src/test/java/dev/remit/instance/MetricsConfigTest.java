package dev.remit.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MetricsConfigTest {

    @Test
    void scheduledTasksKeepTheirMethodAndOutcomeButNoClassNames() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MetricsConfig().scheduledTasksWithoutClassNames());
        Timer task = Timer.builder("tasks.scheduled.execution").tag("code.namespace", "org.springframework.modulith.moments.support.Moments")
                .tag("code.function", "everyHour").tag("exception", "IllegalStateException").tag("error", "IllegalStateException").tag("outcome", "ERROR")
                .register(registry);
        Timer request = Timer.builder("http.server.requests").tag("exception", "none").tag("uri", "/invoices/").register(registry);

        assertThat(task.getId().getTags()).containsExactlyInAnyOrder(Tag.of("code.function", "everyHour"), Tag.of("outcome", "ERROR"));
        assertThat(request.getId().getTags()).as("other meters are left as they are")
                .containsExactlyInAnyOrder(Tag.of("exception", "none"), Tag.of("uri", "/invoices/"));
    }
}
