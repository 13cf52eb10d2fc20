package dev.remit.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Emails over real SMTP: GreenMail receives them and the test reads the MIME back. */
class SmtpDeliveryTest {

    static GreenMail greenMail;
    static Map<String, Object> database;
    static Path dataDir;
    static RemitInstance remit;
    static String location;

    @BeforeAll
    static void start() {
        greenMail = new GreenMail(new ServerSetup(RemitInstance.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        database = RemitInstance.freshDatabase("smtp");
        dataDir = RemitInstance.tempDataDir();
        remit = RemitInstance.start(withSmtp(database, Map.of()));
        location = remit.newLocation();
    }

    /** An instance of its own (its own database, so that the shared one's workers do not take its messages). */
    static Map<String, Object> withSmtp(Map<String, Object> db, Map<String, Object> extra) {
        Map<String, Object> properties = RemitInstance.fastDelivery(db, dataDir);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", greenMail.getSmtp().getPort());
        properties.put("remit.mail.from-address", "invoices@remit.example");
        properties.putAll(extra);
        return properties;
    }

    @AfterAll
    static void stop() {
        remit.close();
        greenMail.stop();
    }

    @BeforeEach
    void empty() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @Test
    void theEmailArrivesWithEveryHeaderBothPartsAndTheAttachment() throws Exception {
        byte[] pdf = "%PDF-1.7 invoice 19".getBytes(StandardCharsets.US_ASCII);
        EmailMessage email = new EmailMessage(location, Messages.INVOICE, false, "Acme Plumbing — Billing",
                "billing@acme.example", null, List.of("pat@to.example"), List.of("sam@cc.example"), List.of("audit@bcc.example"),
                "Invoice INV-000019 from Acme Plumbing", "Amount due: $1,250.00\nView and pay: https://pay.example/i/tok",
                "<p>Amount due: <b>$1,250.00</b></p><a href=\"https://pay.example/i/tok\">View and pay</a>",
                List.of(new EmailMessage.Attachment("INV-000019.pdf", "application/pdf", pdf)));
        Queued queued = remit.deliveries().enqueue(email);
        assertThat(queued.recipients()).containsExactly("pat@to.example", "sam@cc.example", "audit@bcc.example");

        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(15));
        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.providerId()).startsWith("250");
        assertThat(done.lastError()).isNull();

        MimeMessage[] toMessages = mailbox("pat@to.example");
        assertThat(toMessages).hasSize(1);
        assertThat(mailbox("sam@cc.example")).hasSize(1);
        assertThat(mailbox("audit@bcc.example")).as("Bcc goes in the envelope").hasSize(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(3);

        MimeMessage mime = toMessages[0];
        InternetAddress from = (InternetAddress) mime.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("invoices@remit.example");
        assertThat(from.getPersonal()).isEqualTo("Acme Plumbing — Billing");
        assertThat(addresses(mime.getReplyTo())).containsExactly("billing@acme.example");
        assertThat(addresses(mime.getRecipients(MimeMessage.RecipientType.TO))).containsExactly("pat@to.example");
        assertThat(addresses(mime.getRecipients(MimeMessage.RecipientType.CC))).containsExactly("sam@cc.example");
        assertThat(mime.getHeader("Bcc")).as("Bcc is not shown to the recipients").isNull();
        assertThat(mime.getSubject()).isEqualTo("Invoice INV-000019 from Acme Plumbing");
        assertThat(mime.getMessageID()).isEqualTo(queued.messageId()).isEqualTo(done.messageId());

        assertThat(mime.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) mime.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        BodyPart text = alternative.getBodyPart(0);
        BodyPart html = alternative.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat((String) text.getContent()).contains("View and pay: https://pay.example/i/tok");
        assertThat(html.getContentType()).startsWith("text/html");
        assertThat((String) html.getContent()).contains("<a href=\"https://pay.example/i/tok\">View and pay</a>");
        BodyPart attachment = mixed.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("INV-000019.pdf");
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
    }

    @Test
    void aSandboxedEmailIsWrittenToTheOutboxAndNeverReachesSmtp() throws Exception {
        Queued queued = remit.deliveries().enqueue(Messages.sandboxedEmail(location, "pat@to.example"));
        Queued live = remit.deliveries().enqueue(Messages.email(location, "live@to.example"));
        remit.awaitFinal(location, live.id(), Duration.ofSeconds(15));
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(15));

        assertThat(done.status()).isEqualTo(DeliveryStatus.SANDBOXED);
        assertThat(done.sandboxed()).isTrue();
        assertThat(greenMail.getReceivedMessages()).as("only the live one went over SMTP").hasSize(1);
        assertThat(addresses(greenMail.getReceivedMessages()[0].getAllRecipients())).containsExactly("live@to.example");
        String eml = Files.readString(dataDir.resolve("outbox/email/" + queued.id() + ".eml"));
        assertThat(eml).contains("Message-ID: " + queued.messageId()).contains("To: pat@to.example")
                .contains("From: Acme Plumbing <invoices@remit.example>");
    }

    @Test
    void fromModeSenderSendsFromTheSendersOwnAddress() throws Exception {
        try (RemitInstance sender = RemitInstance.start(withSmtp(RemitInstance.freshDatabase("smtp_sender"),
                Map.of("remit.mail.from-mode", "sender")))) {
            String own = sender.newLocation();
            Queued queued = sender.deliveries().enqueue(Messages.email(own, "pat@sender-mode.example"));
            assertThat(sender.awaitFinal(own, queued.id(), Duration.ofSeconds(15)).status()).isEqualTo(DeliveryStatus.SENT);
        }
        MimeMessage[] received = mailbox("pat@sender-mode.example");
        assertThat(received).hasSize(1);
        InternetAddress from = (InternetAddress) received[0].getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("billing@acme.example");
        assertThat(from.getPersonal()).isEqualTo("Acme Plumbing");
        assertThat(received[0].getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("billing@acme.example");
    }

    @Test
    void anExplicitReplyToWinsOverTheSendersAddress() throws Exception {
        EmailMessage base = Messages.email(location, "pat@reply.example");
        Queued queued = remit.deliveries().enqueue(new EmailMessage(location, null, false, base.fromName(), base.fromAddress(),
                "accounts@acme.example", base.to(), List.of(), List.of(), base.subject(), base.textBody(), null, List.of()));
        remit.awaitFinal(location, queued.id(), Duration.ofSeconds(15));
        MimeMessage mime = mailbox("pat@reply.example")[0];
        assertThat(addresses(mime.getReplyTo())).containsExactly("accounts@acme.example");
        assertThat(mime.getContentType()).as("text only: a plain message").startsWith("text/plain");
        assertThat(GreenMailUtil.getBody(mime)).contains("Amount due");
    }

    @Test
    void smtpDownThenUpDeliversOnce() throws Exception {
        int port = RemitInstance.freePort();
        try (RemitInstance down = RemitInstance.start(withSmtp(RemitInstance.freshDatabase("smtp_down"),
                Map.of("spring.mail.port", port)))) {
            String location = down.newLocation();
            Queued queued = down.deliveries().enqueue(Messages.email(location, "pat@later.example"));
            await().atMost(Duration.ofSeconds(15)).until(() -> down.delivery(location, queued.id()).attempts() >= 2);
            Delivery waiting = down.delivery(location, queued.id());
            assertThat(waiting.status()).isEqualTo(DeliveryStatus.QUEUED);
            assertThat(waiting.lastError()).contains("connection refused");
            assertThat(waiting.nextAttemptAt()).isNotNull();

            GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            late.start();
            try {
                Delivery done = down.awaitFinal(location, queued.id(), Duration.ofSeconds(15));
                assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
                assertThat(done.lastError()).isNull();
                Thread.sleep(500);
                assertThat(late.getReceivedMessages()).hasSize(1);
            } finally {
                late.stop();
            }
        }
    }

    /** What one recipient's mailbox received. */
    private static MimeMessage[] mailbox(String address) {
        return greenMail.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toArray(MimeMessage[]::new);
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : java.util.Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }
}
