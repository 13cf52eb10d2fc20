package dev.remit.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/** With neither SMTP nor Twilio configured, messages land in the data folder's outbox. */
class FileOutboxDeliveryTest {

    static RemitInstance remit;
    static Path dataDir;
    static String location;

    @BeforeAll
    static void start() {
        dataDir = RemitInstance.tempDataDir();
        remit = RemitInstance.start(RemitInstance.fastDelivery(RemitInstance.freshDatabase("outbox"), dataDir));
        location = remit.newLocation();
    }

    @AfterAll
    static void stop() {
        remit.close();
    }

    @Test
    void anEmailIsWrittenAsTheWholeMimeMessage() throws Exception {
        Queued queued = remit.deliveries().enqueue(Messages.email(location, "pat@customer.example"));
        assertThat(queued.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(queued.messageId()).isEqualTo("<" + queued.id() + "@remit>");

        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.sandboxed()).isFalse();
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.providerId()).isEqualTo("outbox/email/" + queued.id() + ".eml");
        assertThat(done.sentAt()).isNotNull();

        Path file = dataDir.resolve("outbox/email/" + queued.id() + ".eml");
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(mime.getMessageID()).isEqualTo(queued.messageId());
            assertThat(mime.getHeader("To", ",")).isEqualTo("pat@customer.example");
            assertThat(mime.getSubject()).isEqualTo("Invoice 19 from Acme Plumbing");
            assertThat(mime.getContentType()).startsWith("multipart/alternative");
        }
        assertThat(Files.list(dataDir.resolve("outbox/email")).map(Path::getFileName).map(Path::toString))
                .as("no half-written files are left behind").allMatch(name -> name.endsWith(".eml"));
    }

    @Test
    void anSmsIsWrittenAsJson() throws Exception {
        Queued queued = remit.deliveries().enqueue(Messages.sms(location, "+15551234567"));
        assertThat(queued.messageId()).isEqualTo(queued.id());
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);

        JsonNode json = DeliveryRepository.PAYLOAD.readTree(Files.readString(dataDir.resolve("outbox/sms/" + queued.id() + ".json")));
        assertThat(json.path("to").asString()).isEqualTo("+15551234567");
        assertThat(json.path("body").asString()).startsWith("Acme Plumbing: invoice 19");
        assertThat(json.has("from")).isTrue();
    }

    @Test
    void aSandboxedMessageIsLoggedAsSandboxed() {
        Queued queued = remit.deliveries().enqueue(Messages.sandboxedEmail(location, "pat@customer.example"));
        assertThat(queued.sandboxed()).isTrue();
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(DeliveryStatus.SANDBOXED);
        assertThat(Files.exists(dataDir.resolve("outbox/email/" + queued.id() + ".eml"))).isTrue();
    }

    @Test
    void theMessageAndItsTaskCommitWithTheCallersTransactionOrNotAtAll() {
        TransactionTemplate transaction = remit.bean(TransactionTemplate.class);
        JdbcClient jdbc = remit.bean(JdbcClient.class);
        String[] id = new String[1];
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            id[0] = remit.deliveries().enqueue(Messages.email(location, "rolled@back.example")).id();
            assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?").param(id[0])
                    .query(Long.class).single()).as("the task is written in the caller's transaction").isEqualTo(1);
            throw new IllegalStateException("the business change failed");
        })).hasMessage("the business change failed");

        assertThat(remit.deliveries().delivery(location, id[0])).isEmpty();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?").param(id[0])
                .query(Long.class).single()).isZero();
    }

    @Test
    void enqueueAllQueuesEveryMessage() {
        List<Queued> queued = remit.deliveries().enqueueAll(List.of(Messages.email(location, "a@customer.example"),
                Messages.sms(location, "+15557654321")));
        assertThat(queued).extracting(Queued::channel).containsExactly(Channel.EMAIL, Channel.SMS);
        queued.forEach(q -> assertThat(remit.awaitFinal(location, q.id(), Duration.ofSeconds(10)).status())
                .isEqualTo(DeliveryStatus.SENT));
        assertThat(remit.deliveries().deliveries(location, Messages.INVOICE)).extracting(Delivery::id)
                .containsAll(queued.stream().map(Queued::id).toList());
    }

    @Test
    void deliveriesAreCountedInMetrics() {
        MeterRegistry registry = remit.bean(MeterRegistry.class);
        double before = count(registry, "sms", "sent");
        Queued queued = remit.deliveries().enqueue(Messages.sms(location, "+15550001111"));
        remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(count(registry, "sms", "sent")).isEqualTo(before + 1);
        assertThat(count(registry, "sms", "queued")).isGreaterThanOrEqualTo(1);
    }

    private static double count(MeterRegistry registry, String channel, String status) {
        var counter = registry.find("remit.delivery.messages").tag("channel", channel).tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void messagesThatCouldInjectHeadersAreRefused() {
        EmailMessage base = Messages.email(location, "pat@customer.example");
        assertThatThrownBy(() -> remit.deliveries().enqueue(new EmailMessage(location, null, false, "A", "a@b.example", null,
                List.of("pat@customer.example\r\nBcc: victim@else.example"), List.of(), List.of(), "s", "t", null, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> remit.deliveries().enqueue(new EmailMessage(location, null, false, "A", "a@b.example\n",
                null, base.to(), List.of(), List.of(), "s", "t", null, List.of()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> remit.deliveries().enqueue(new SmsMessage(location, null, false, "555-1234", "hi")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> remit.deliveries().enqueue(new EmailMessage(location, null, false, "A", "a@b.example", null,
                List.of(), List.of(), List.of(), "s", "t", null, List.of()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAndSubjectsLoseTheirLineBreaks() throws Exception {
        Queued queued = remit.deliveries().enqueue(new EmailMessage(location, null, false, "Acme\r\nBcc: victim@else.example",
                "billing@acme.example", null, List.of("pat@customer.example"), List.of(), List.of(),
                "Invoice\r\nBcc: victim@else.example", "text", null, List.of()));
        remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        try (InputStream in = Files.newInputStream(dataDir.resolve("outbox/email/" + queued.id() + ".eml"))) {
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(mime.getHeader("Bcc")).isNull();
            assertThat(mime.getSubject()).isEqualTo("Invoice Bcc: victim@else.example");
            assertThat(mime.getAllRecipients()).hasSize(1);
        }
    }
}
