package dev.remit.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How SMTP answers are taken: 5xx fails at once, 4xx is tried again. */
class SmtpFailureTest {

    static ScriptedSmtpServer smtp;
    static RemitInstance remit;
    static String location;

    @BeforeAll
    static void start() throws Exception {
        smtp = new ScriptedSmtpServer();
        Map<String, Object> properties = RemitInstance.fastDelivery(RemitInstance.freshDatabase("smtp_fail"), RemitInstance.tempDataDir());
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", smtp.port());
        properties.put("spring.mail.username", "remit");
        properties.put("spring.mail.password", "s3cret-smtp-password");
        properties.put("spring.mail.properties.mail.smtp.auth", "false");
        properties.put("remit.mail.from-address", "invoices@remit.example");
        remit = RemitInstance.start(properties);
        location = remit.newLocation();
    }

    @AfterAll
    static void stop() throws Exception {
        remit.close();
        smtp.close();
    }

    @BeforeEach
    void reset() {
        smtp.rcptReply = "250 2.1.5 Ok";
        smtp.dataReply = "250 2.0.0 Ok: queued as SCRIPTED1";
    }

    @Test
    void aRefusedRecipientFailsAtOnce() {
        smtp.rcptReply = "550 5.1.1 <nobody@nowhere.example>: Recipient address rejected: User unknown";
        Queued queued = remit.deliveries().enqueue(Messages.email(location, "nobody@nowhere.example"));
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastError()).startsWith("smtp 550").contains("User unknown").doesNotContain("s3cret");
        assertThat(done.sentAt()).isNull();
    }

    @Test
    void aRefusedMessageFailsAtOnce() {
        smtp.dataReply = "554 5.7.1 Message rejected as spam";
        Queued queued = remit.deliveries().enqueue(Messages.email(location, "pat@customer.example"));
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastError()).contains("554").contains("rejected as spam");
    }

    @Test
    void aDeferredRecipientIsTriedAgainUntilAccepted() {
        smtp.rcptReply = "451 4.7.1 Greylisted, try again later";
        Queued queued = remit.deliveries().enqueue(Messages.email(location, "grey@customer.example"));
        // attempts counts an attempt when it starts: wait until the second has also failed and been rescheduled
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Delivery d = remit.delivery(location, queued.id());
            return d.attempts() >= 2 && d.nextAttemptAt() != null && d.nextAttemptAt().isAfter(d.lastAttemptAt());
        });
        Delivery waiting = remit.delivery(location, queued.id());
        assertThat(waiting.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(waiting.lastError()).contains("451").contains("Greylisted");

        smtp.rcptReply = "250 2.1.5 Ok";
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(done.providerId()).isEqualTo("250 2.0.0 Ok: queued as SCRIPTED1");
        assertThat(done.lastError()).isNull();
    }
}
