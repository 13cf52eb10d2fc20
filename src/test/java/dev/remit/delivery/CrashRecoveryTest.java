package dev.remit.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * A server that stops (or dies) with messages committed but not delivered loses none of them: the
 * next server on the same database delivers each exactly once; one caught in flight goes out at most
 * twice.
 */
class CrashRecoveryTest {

    GreenMail greenMail;
    Map<String, Object> database;
    Path dataDir;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(RemitInstance.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        database = RemitInstance.freshDatabase("crash");
        dataDir = RemitInstance.tempDataDir();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    Map<String, Object> smtp(int port, String name) {
        Map<String, Object> properties = RemitInstance.fastDelivery(database, dataDir);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", port);
        properties.put("remit.mail.from-address", "invoices@remit.example");
        properties.put("db-scheduler.scheduler-name", name);
        return properties;
    }

    /** Straight from the database, with no scheduler running. */
    String pickedBy(String taskInstance) throws Exception {
        try (Connection connection = DriverManager.getConnection((String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"), (String) database.get("spring.datasource.password"));
                PreparedStatement statement = connection.prepareStatement(
                        "select picked, picked_by from scheduled_tasks where task_instance = ?")) {
            statement.setString(1, taskInstance);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBoolean("picked") ? rows.getString("picked_by") : null;
            }
        }
    }

    @Test
    void messagesCommittedBeforeTheServerStoppedAreDeliveredOnceByTheNextOne() throws Exception {
        Map<String, Object> idle = smtp(greenMail.getSmtp().getPort(), "first");
        idle.put("db-scheduler.polling-interval", "1h");
        idle.put("db-scheduler.immediate-execution-enabled", "false");
        List<Queued> queued = new ArrayList<>();
        String location;
        try (RemitInstance first = RemitInstance.start(idle)) {
            location = first.newLocation();
            for (int i = 0; i < 5; i++) {
                queued.add(first.deliveries().enqueue(Messages.email(location, "customer" + i + "@crash.example")));
            }
            assertThat(first.delivery(location, queued.get(0).id()).status()).isEqualTo(DeliveryStatus.QUEUED);
        }
        assertThat(greenMail.getReceivedMessages()).as("the first server sent nothing before it stopped").isEmpty();

        try (RemitInstance second = RemitInstance.start(smtp(greenMail.getSmtp().getPort(), "second"))) {
            for (Queued q : queued) {
                Delivery done = second.awaitFinal(location, q.id(), Duration.ofSeconds(15));
                assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
                assertThat(done.attempts()).isEqualTo(1);
            }
            Thread.sleep(1000);
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(5);
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : received) {
            ids.add(message.getMessageID());
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(queued.stream().map(Queued::messageId).toList());
    }

    @Test
    void anInstanceWithoutWorkersQueuesAndAnotherDelivers() throws Exception {
        Map<String, Object> queueOnly = smtp(greenMail.getSmtp().getPort(), "api-only");
        queueOnly.put("db-scheduler.enabled", "false");
        try (RemitInstance api = RemitInstance.start(queueOnly);
                RemitInstance worker = RemitInstance.start(smtp(greenMail.getSmtp().getPort(), "worker"))) {
            String location = api.newLocation();
            Queued queued = api.deliveries().enqueue(Messages.email(location, "pat@queue-only.example"));
            Delivery done = worker.awaitFinal(location, queued.id(), Duration.ofSeconds(15));
            assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
        }
    }

    @Test
    void aMessageInFlightWhenTheServerDiesIsSentAgainByTheNextServerAndOnlyOnce() throws Exception {
        String location;
        String id;
        try (ScriptedSmtpServer hanging = new ScriptedSmtpServer()) {
            hanging.hangAfterData = true;
            Map<String, Object> dying = smtp(hanging.port(), "dying");
            dying.put("spring.mail.properties.mail.smtp.timeout", "60000");
            dying.put("db-scheduler.shutdown-max-wait", "200ms");
            RemitInstance first = RemitInstance.start(dying);
            location = first.newLocation();
            id = first.deliveries().enqueue(Messages.email(location, "pat@inflight.example")).id();
            await().atMost(Duration.ofSeconds(10)).until(() -> hanging.messagesReceived.get() == 1);
            first.close(); // the worker is stuck waiting for the server's answer: the execution stays picked
            assertThat(pickedBy(id)).as("the dead server's execution is left marked as its own").isEqualTo("dying");

            JdbcClient jdbc;
            Map<String, Object> next = smtp(greenMail.getSmtp().getPort(), "next");
            next.put("db-scheduler.heartbeat-interval", "200ms");
            next.put("db-scheduler.missed-heartbeats-limit", "4");
            try (RemitInstance second = RemitInstance.start(next)) {
                jdbc = second.bean(JdbcClient.class);
                Delivery done = second.awaitFinal(location, id, Duration.ofSeconds(20));
                assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
                assertThat(done.attempts()).as("the try cut short counts").isEqualTo(2);
                Thread.sleep(1000);
                assertThat(greenMail.getReceivedMessages()).hasSize(1);
                assertThat(hanging.messagesReceived.get()).as("at most twice in all: once in flight, once after").isEqualTo(1);
                assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?").param(id)
                        .query(Long.class).single()).isZero();
            }
        }
    }
}
