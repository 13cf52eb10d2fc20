package dev.remit.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * SMTP connections kept open across messages: reused, closed after the cap, and a connection the
 * server dropped meanwhile costs neither a message nor a duplicate.
 */
class SmtpPoolTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : reversed(open)) {
            closeable.close();
        }
    }

    @Test
    void messagesShareAConnection() throws Exception {
        ScriptedSmtpServer server = server();
        SmtpChannel smtp = channel(server.port(), new SmtpPoolSettings(8, 100, Duration.ofSeconds(30)));

        for (int i = 0; i < 5; i++) {
            assertThat(smtp.send(message(smtp, i))).isInstanceOf(Outcome.Delivered.class);
        }

        assertThat(server.messagesReceived).hasValue(5);
        assertThat(server.connections).hasValue(1);
        assertThat(smtp.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void aConnectionCarriesAtMostTheCap() throws Exception {
        ScriptedSmtpServer server = server();
        SmtpChannel smtp = channel(server.port(), new SmtpPoolSettings(8, 3, Duration.ofSeconds(30)));

        for (int i = 0; i < 7; i++) {
            assertThat(smtp.send(message(smtp, i))).isInstanceOf(Outcome.Delivered.class);
        }
        smtp.close();

        assertThat(server.messagesReceived).hasValue(7);
        assertThat(server.connections).hasValue(3);
        awaitSessionsEnded(server, 3);
        assertThat(server.messagesPerConnection).containsExactlyInAnyOrder(3, 3, 1);
    }

    @Test
    void capOfOneIsAConnectionPerMessage() throws Exception {
        ScriptedSmtpServer server = server();
        SmtpChannel smtp = channel(server.port(), new SmtpPoolSettings(8, 1, Duration.ofSeconds(30)));

        for (int i = 0; i < 3; i++) {
            assertThat(smtp.send(message(smtp, i))).isInstanceOf(Outcome.Delivered.class);
        }

        assertThat(server.connections).hasValue(3);
    }

    @Test
    void aConnectionTheServerClosedSilentlyIsReplacedAndNoMessageIsLostOrSentTwice() throws Exception {
        ScriptedSmtpServer server = server();
        server.dropAfterMessages = 2;
        SmtpChannel smtp = channel(server.port(), new SmtpPoolSettings(8, 100, Duration.ofSeconds(30)));

        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            outcomes.add(smtp.send(message(smtp, i)));
            Thread.sleep(20); // lets the server's close reach the client before the next message
        }

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Outcome.Delivered.class));
        assertThat(server.messagesReceived).hasValue(7);
        assertThat(server.connections).hasValue(4);
    }

    @Test
    void a421ToTheNextMessageOnAKeptConnectionSendsItOnAFreshOne() throws Exception {
        ScriptedSmtpServer server = server();
        server.refuseAfterMessages = 1;
        SmtpChannel smtp = channel(server.port(), new SmtpPoolSettings(8, 100, Duration.ofSeconds(30)));

        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(smtp.send(message(smtp, i)));
        }

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Outcome.Delivered.class));
        assertThat(server.messagesReceived).hasValue(3);
        assertThat(server.connections).hasValue(3);
    }

    @Test
    void aConnectionLostAfterTheWholeMessageIsNotRetriedOnTheSpot() throws Exception {
        ScriptedSmtpServer server = server();
        SmtpChannel smtp = channel(server.port(), new SmtpPoolSettings(8, 100, Duration.ofSeconds(30)));
        assertThat(smtp.send(message(smtp, 0))).isInstanceOf(Outcome.Delivered.class);

        // the server may have queued it: a second copy now could be a duplicate, so the job's retry decides
        server.closeAfterDataUnanswered = true;
        Outcome lost = smtp.send(message(smtp, 1));

        assertThat(lost).isInstanceOf(Outcome.Transient.class);
        assertThat(server.messagesReceived).hasValue(2);
        assertThat(server.connections).hasValue(1);
    }

    @Test
    void aRefusalOnAKeptConnectionIsTheMessagesOwn() throws Exception {
        ScriptedSmtpServer server = server();
        SmtpChannel smtp = channel(server.port(), new SmtpPoolSettings(8, 100, Duration.ofSeconds(30)));
        assertThat(smtp.send(message(smtp, 0))).isInstanceOf(Outcome.Delivered.class);

        server.rcptReply = "550 5.1.1 no such user";
        Outcome refused = smtp.send(message(smtp, 1));

        assertThat(refused).isInstanceOf(Outcome.Permanent.class);
        assertThat(((Outcome.Permanent) refused).error()).contains("550");
        assertThat(server.connections).hasValue(1);
    }

    @Test
    void aConnectionIdleLongerThanTheTimeoutIsNotReused() throws Exception {
        ScriptedSmtpServer server = server();
        SmtpChannel smtp = channel(server.port(), new SmtpPoolSettings(8, 100, Duration.ofSeconds(30)));
        assertThat(smtp.send(message(smtp, 0))).isInstanceOf(Outcome.Delivered.class);
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(smtp.send(message(smtp, 1))).isInstanceOf(Outcome.Delivered.class);
        assertThat(server.connections).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(smtp.send(message(smtp, 2))).isInstanceOf(Outcome.Delivered.class);

        assertThat(server.connections).hasValue(2);
        awaitSessionsEnded(server, 1);
        assertThat(server.messagesPerConnection).containsExactly(2); // the stale one was closed, with QUIT
    }

    @Test
    void concurrentSendersKeepAtMostMaxIdleConnections() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(RemitInstance.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        open.add(greenMail::stop);
        SmtpChannel smtp = channel(greenMail.getSmtp().getPort(), new SmtpPoolSettings(2, 100, Duration.ofSeconds(30)));
        ExecutorService workers = Executors.newFixedThreadPool(4);
        open.add(workers::shutdownNow);

        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            outcomes.add(workers.submit(() -> smtp.send(message(smtp, n))));
        }
        for (Future<Outcome> outcome : outcomes) {
            assertThat(outcome.get()).isInstanceOf(Outcome.Delivered.class);
        }

        assertThat(greenMail.getReceivedMessages()).hasSize(40);
        assertThat(java.util.Arrays.stream(greenMail.getReceivedMessages()).map(SmtpPoolTest::subject).distinct())
                .hasSize(40);
        assertThat(smtp.connectionsOpened()).isBetween(2L, 39L);
    }

    private static List<AutoCloseable> reversed(List<AutoCloseable> list) {
        List<AutoCloseable> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private ScriptedSmtpServer server() throws Exception {
        ScriptedSmtpServer server = new ScriptedSmtpServer();
        open.add(server);
        return server;
    }

    private SmtpChannel channel(int port, SmtpPoolSettings pool) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(properties);
        SmtpChannel smtp = new SmtpChannel(sender, pool, nanos::get);
        open.add(smtp);
        return smtp;
    }

    private static MimeMessage message(SmtpChannel smtp, int n) throws MessagingException {
        EmailMessage email = new EmailMessage("loc", "inv", false, "Acme", "billing@acme.example", null,
                List.of("customer@example.com"), List.of(), List.of(), "Invoice " + n, "Amount due: $" + n, null, List.of());
        return new MimeComposer(new MailSettings("invoices@remit.example", MailSettings.FromMode.SENDING_ADDRESS, null))
                .compose(email, "<" + n + "@remit.example>", smtp.session());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitSessionsEnded(ScriptedSmtpServer server, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> server.messagesPerConnection.size() >= count);
    }
}
