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
        remit.context.getBeanFactory().registerSingleton("countingWriter", writer);
        remit.context.getBeanFactory().registerSingleton("unrenderableWriter", unrenderable);
        remit.context.getBeanFactory().registerSingleton("databaseDownWriter", databaseDown);
        location = remit.newLocation();
    }

    /** Writes "Invoice 19, written N times" and counts how often it was asked. */
    static final CountingWriter writer = new CountingWriter();

    static final class CountingWriter implements EmailWriter {
        final java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public EmailMessage.Content write(EmailMessage pending) {
            int n = written.incrementAndGet();
            return new EmailMessage.Content("Acme Plumbing", "Invoice 19, written " + n + " times", "Amount due: $1,250.00",
                    null, java.util.List.of(new EmailMessage.Attachment("invoice-19.pdf", "application/pdf", new byte[] {'%', 'P'})));
        }
    }

    /** Fails as a renderer fails on text it cannot hold, wrapping a parser's exception. */
    static final EmailWriter unrenderable = new EmailWriter() {
        @Override
        public String name() {
            return "unrenderable";
        }

        @Override
        public EmailMessage.Content write(EmailMessage pending) {
            throw new IllegalStateException("Can't load the XML resource. org.xml.sax.SAXParseException; lineNumber: 5; "
                    + "An invalid XML character (Unicode: 0x1) was found",
                    new org.xml.sax.SAXParseException("An invalid XML character (Unicode: 0x1) was found", null));
        }
    };

    /** Cannot reach the database for its first two tries. */
    static final EmailWriter databaseDown = new EmailWriter() {
        final java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String name() {
            return "database-down";
        }

        @Override
        public EmailMessage.Content write(EmailMessage pending) {
            if (tries.incrementAndGet() <= 2) {
                throw new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
            }
            return new EmailMessage.Content("Acme Plumbing", "Invoice 19", "Amount due: $1,250.00", null, java.util.List.of());
        }
    };

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

    @Test
    void aPendingEmailIsWrittenOnceAndEveryTrySendsWhatWasWritten() {
        smtp.rcptReply = "451 4.7.1 Greylisted, try again later";
        int before = writer.written.get();
        Queued queued = remit.deliveries().enqueue(EmailMessage.pending(location, Messages.INVOICE, false, null,
                "billing@acme.example", java.util.List.of("grey@customer.example"), java.util.List.of(), java.util.List.of(),
                "counting"));
        await().atMost(Duration.ofSeconds(10)).until(() -> remit.delivery(location, queued.id()).attempts() >= 3);
        smtp.rcptReply = "250 2.1.5 Ok";
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));

        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(writer.written.get() - before).isEqualTo(1);
        EmailMessage sent = (EmailMessage) remit.bean(DeliveryRepository.class).message(location, queued.id());
        assertThat(sent.isPending()).isFalse();
        assertThat(sent.subject()).isEqualTo("Invoice 19, written " + (before + 1) + " times");
        assertThat(sent.fromName()).isEqualTo("Acme Plumbing");
        assertThat(sent.attachments()).hasSize(1);
    }

    @Test
    void anEmailNoWriterCanWriteFailsAtOnce() {
        Queued queued = remit.deliveries().enqueue(EmailMessage.pending(location, Messages.INVOICE, false, "Acme", null,
                java.util.List.of("pat@customer.example"), java.util.List.of(), java.util.List.of(), "no-such-writer"));
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastError()).contains("could not be written").contains("no email writer named no-such-writer");
    }

    @Test
    void anEmailThatCanNeverBeWrittenFailsAtOnceInPlainWords() {
        Queued queued = remit.deliveries().enqueue(EmailMessage.pending(location, Messages.INVOICE, false, "Acme", null,
                java.util.List.of("pat@customer.example"), java.util.List.of(), java.util.List.of(), "unrenderable"));
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastError()).isEqualTo("email could not be written: its content could not be rendered "
                + "(the server log has the details)");
    }

    @Test
    void anEmailWhoseWriterCannotReachTheDatabaseIsTriedAgain() {
        Queued queued = remit.deliveries().enqueue(EmailMessage.pending(location, Messages.INVOICE, false, "Acme", null,
                java.util.List.of("pat@customer.example"), java.util.List.of(), java.util.List.of(), "database-down"));
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.attempts()).isEqualTo(3);
    }

    @Test
    void errorTextsNameNoClasses() {
        assertThat(ErrorText.of(new IllegalStateException(new java.net.ConnectException("Connection refused"))))
                .isEqualTo("Connection refused");
        assertThat(ErrorText.of(new IllegalStateException("Can't load the XML resource. org.xml.sax.SAXParseException; "
                + "lineNumber: 5; An invalid XML character"))).isEqualTo("Can't load the XML resource. lineNumber: 5; An invalid XML character");
        assertThat(ErrorText.of(new NullPointerException())).isEqualTo("no details given");
    }

    @Test
    void smtpSocketsDoNotWaitForDelayedAcks() throws Exception {
        Object factory = remit.bean(org.springframework.mail.javamail.JavaMailSenderImpl.class).getSession()
                .getProperties().get("mail.smtp.socketFactory");
        assertThat(factory).isInstanceOf(NoDelaySocketFactory.class);
        try (java.net.Socket socket = ((javax.net.SocketFactory) factory).createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }
}
