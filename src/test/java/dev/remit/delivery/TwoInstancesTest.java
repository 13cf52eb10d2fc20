package dev.remit.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;

/** Two servers on one database work one queue: every message goes out exactly once. */
class TwoInstancesTest {

    static final int MESSAGES = 200;

    @Test
    void twoInstancesDeliverEachOfTwoHundredMessagesExactlyOnce() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(RemitInstance.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        Map<String, Object> database = RemitInstance.freshDatabase("two");
        Path dataDir = RemitInstance.tempDataDir();
        try (RemitInstance a = RemitInstance.start(properties(database, dataDir, greenMail, "instance-a"));
                RemitInstance b = RemitInstance.start(properties(database, dataDir, greenMail, "instance-b"))) {
            String location = a.newLocation();
            List<Queued> queued = new ArrayList<>();
            for (int batch = 0; batch < MESSAGES / 20; batch++) {
                RemitInstance via = batch % 2 == 0 ? a : b;
                List<EmailMessage> messages = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    messages.add(Messages.email(location, "customer" + (batch * 20 + i) + "@two.example"));
                }
                queued.addAll(via.deliveries().enqueueAll(messages));
            }

            JdbcClient jdbc = a.bean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc
                    .sql("select count(*) from delivery where location_id = ? and status = 'sent'").param(location)
                    .query(Long.class).single() == MESSAGES);
            Thread.sleep(1000);

            assertThat(jdbc.sql("select count(*) from delivery where location_id = ? and attempts <> 1").param(location)
                    .query(Long.class).single()).as("no message was tried twice").isZero();
            assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'deliver-message'").query(Long.class).single()).isZero();

            MimeMessage[] received = greenMail.getReceivedMessages();
            assertThat(received).hasSize(MESSAGES);
            Set<String> ids = new HashSet<>();
            for (MimeMessage message : received) {
                ids.add(message.getMessageID());
            }
            assertThat(ids).as("each message exactly once").containsExactlyInAnyOrderElementsOf(
                    queued.stream().map(Queued::messageId).toList());

            double byA = sent(a);
            double byB = sent(b);
            assertThat(byA + byB).isEqualTo(MESSAGES);
            assertThat(byA).as("instance a took part (a %s, b %s)", byA, byB).isPositive();
            assertThat(byB).as("instance b took part (a %s, b %s)", byA, byB).isPositive();
        } finally {
            greenMail.stop();
        }
    }

    private static double sent(RemitInstance instance) {
        Counter counter = instance.bean(MeterRegistry.class).find("remit.delivery.messages").tag("channel", "email")
                .tag("status", "sent").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, Object> properties(Map<String, Object> database, Path dataDir, GreenMail greenMail, String name) {
        Map<String, Object> properties = RemitInstance.fastDelivery(database, dataDir);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", greenMail.getSmtp().getPort());
        properties.put("remit.mail.from-address", "invoices@remit.example");
        properties.put("db-scheduler.scheduler-name", name);
        properties.put("db-scheduler.threads", "4");
        return properties;
    }
}
