package dev.remit.delivery;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;

/**
 * SMTP with Spring Mail's settings ({@code spring.mail.*}, read from Spring Boot's
 * {@link JavaMailSenderImpl}). Connections stay open across messages ({@link SmtpPoolSettings}: at
 * most {@code max-idle} kept between messages, each closed after {@code max-messages-per-connection}
 * messages or when unused for {@code idle-timeout}). The server's answer to the message (e.g.
 * {@code 250 2.0.0 Ok: queued as 4F2B1}) is the provider id.
 *
 * <p>A kept connection may have been closed by the server meanwhile. When a message fails on a
 * reused connection because the connection is gone (an I/O error, end of stream, or {@code 421})
 * before the end of its data, the server cannot have accepted it, and it is sent once more on a
 * fresh connection. Once its data was written to the end, a lost reply is reported as a transient
 * failure, as it would be on a fresh connection.
 *
 * <p>Failures: an SMTP 5xx reply (an address or the message refused) is permanent; a 4xx reply, a
 * connection refused or timed out, or a rejected login (the deployment's problem, not the message's)
 * is transient.
 */
final class SmtpChannel implements AutoCloseable {

    private static final Pattern REPLY_CODE = Pattern.compile("(?<![0-9])([245][0-9][0-9])(?![0-9])");

    private final JavaMailSenderImpl sender;
    private final String protocol;
    private final SmtpPoolSettings pool;
    private final LongSupplier nanoTime;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final AtomicLong opened = new AtomicLong();
    private boolean closed;

    SmtpChannel(JavaMailSenderImpl sender) {
        this(sender, SmtpPoolSettings.defaults(), System::nanoTime);
    }

    SmtpChannel(JavaMailSenderImpl sender, SmtpPoolSettings pool, LongSupplier nanoTime) {
        java.util.Properties properties = sender.getJavaMailProperties();
        this.protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
        if (!properties.containsKey("mail." + protocol + ".socketFactory")
                && !properties.containsKey("mail." + protocol + ".socketFactory.class")) {
            properties.put("mail." + protocol + ".socketFactory", new NoDelaySocketFactory());
            sender.setJavaMailProperties(properties); // a session made before would not see it
        }
        this.sender = sender;
        this.pool = pool;
        this.nanoTime = nanoTime;
        ErrorText.secret(sender.getPassword());
    }

    Session session() {
        return sender.getSession();
    }

    String describe() {
        boolean starttls = Boolean.parseBoolean(sender.getJavaMailProperties().getProperty("mail.smtp.starttls.enable", "false"));
        return "SMTP " + sender.getHost() + ":" + (sender.getPort() > 0 ? sender.getPort() : 25)
                + (starttls ? " (STARTTLS)" : "") + (sender.getUsername() != null ? " as " + sender.getUsername() : "")
                + ", up to " + pool.maxMessagesPerConnection() + " messages per connection";
    }

    /** Connections opened so far (for tests and the log). */
    long connectionsOpened() {
        return opened.get();
    }

    Outcome send(MimeMessage message) {
        Connection connection;
        try {
            connection = borrow();
        } catch (MessagingException e) {
            return classify(e);
        } catch (RuntimeException e) {
            return new Outcome.Transient("smtp: " + ErrorText.of(e));
        }
        try {
            return sendOn(connection, message);
        } catch (MessagingException e) {
            discard(connection);
            if (connection.sent > 0 && !connection.transport.mayHaveBeenAccepted() && connectionLost(e)) {
                return sendOnFresh(message);
            }
            return classify(e);
        } catch (RuntimeException e) {
            discard(connection);
            return new Outcome.Transient("smtp: " + ErrorText.of(e));
        }
    }

    private Outcome sendOnFresh(MimeMessage message) {
        Connection fresh = null;
        try {
            fresh = open();
            return sendOn(fresh, message);
        } catch (MessagingException e) {
            discard(fresh);
            return classify(e);
        } catch (RuntimeException e) {
            discard(fresh);
            return new Outcome.Transient("smtp: " + ErrorText.of(e));
        }
    }

    private Outcome sendOn(Connection connection, MimeMessage message) throws MessagingException {
        connection.transport.sendMessage(message, message.getAllRecipients());
        connection.sent++;
        Outcome delivered = new Outcome.Delivered(ErrorText.clean(connection.transport.getLastServerResponse() == null
                ? "250" : connection.transport.getLastServerResponse()));
        release(connection);
        return delivered;
    }

    private Connection borrow() throws MessagingException {
        long now = nanoTime.getAsLong();
        while (true) {
            Connection kept;
            synchronized (idle) {
                kept = idle.pollFirst(); // the most recently used: the least likely to have been dropped
            }
            if (kept == null) {
                return open();
            }
            // no NOOP to check it: a connection the server dropped fails before the message's data, and
            // the message is then sent on a fresh one (send)
            if (now - kept.lastUsed <= pool.idleTimeout().toNanos()) {
                return kept;
            }
            discard(kept);
        }
    }

    private Connection open() throws MessagingException {
        TrackedSmtpTransport transport = new TrackedSmtpTransport(sender.getSession(),
                new URLName(protocol, sender.getHost(), sender.getPort(), null, sender.getUsername(), null));
        try {
            transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
        } catch (MessagingException | RuntimeException e) {
            quietlyClose(transport);
            throw e;
        }
        opened.incrementAndGet();
        return new Connection(transport);
    }

    private void release(Connection connection) {
        connection.lastUsed = nanoTime.getAsLong();
        if (connection.sent < pool.maxMessagesPerConnection()) {
            synchronized (idle) {
                if (!closed && idle.size() < pool.maxIdle()) {
                    idle.addFirst(connection);
                    return;
                }
            }
        }
        discard(connection);
    }

    private static void discard(Connection connection) {
        if (connection != null) {
            quietlyClose(connection.transport);
        }
    }

    private static void quietlyClose(TrackedSmtpTransport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // the connection is gone either way; the message's outcome is already decided
        }
    }

    /** Closes the kept connections (QUIT). */
    @Override
    public void close() {
        List<Connection> kept;
        synchronized (idle) {
            closed = true;
            kept = new ArrayList<>(idle);
            idle.clear();
        }
        kept.forEach(SmtpChannel::discard);
    }

    /** The server went away: an I/O error, the end of the stream, or 421 (the server is closing the connection). */
    private static boolean connectionLost(MessagingException error) {
        if (ioCause(error) != null) {
            return true;
        }
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof SMTPSendFailedException failed && (failed.getReturnCode() == 421 || failed.getReturnCode() < 0)) {
                return true;
            }
            if (t instanceof SMTPAddressFailedException failed && failed.getReturnCode() == 421) {
                return true;
            }
        }
        String text = String.valueOf(error.getMessage());
        return text.startsWith("421") || text.contains("[EOF]");
    }

    /** An open connection and how many messages it has carried. */
    private static final class Connection {
        final TrackedSmtpTransport transport;
        int sent;
        long lastUsed;

        Connection(TrackedSmtpTransport transport) {
            this.transport = transport;
        }
    }

    static Outcome classify(MessagingException error) {
        String where = "smtp";
        if (error instanceof AuthenticationFailedException) {
            return new Outcome.Transient("smtp login rejected: " + ErrorText.of(error));
        }
        Throwable io = ioCause(error);
        if (io instanceof ConnectException) {
            return new Outcome.Transient(where + " connection refused: " + ErrorText.of(error));
        }
        if (io instanceof SocketTimeoutException) {
            return new Outcome.Transient(where + " timed out: " + ErrorText.of(error));
        }
        if (io instanceof UnknownHostException) {
            return new Outcome.Transient(where + " unknown host: " + ErrorText.of(io));
        }
        if (io != null) {
            return new Outcome.Transient(where + " connection failed: " + ErrorText.of(error));
        }
        int code = replyCode(error);
        String text = ErrorText.of(deepest(error));
        if (code >= 500) {
            return new Outcome.Permanent(where + " " + (text.startsWith(Integer.toString(code)) ? text : code + " " + text));
        }
        return new Outcome.Transient(where + " " + (code > 0 && !text.startsWith(Integer.toString(code)) ? code + " " : "") + text);
    }

    /** The reply code of the SMTP exception (Angus's SMTP*FailedException#getReturnCode) in the chain. */
    private static int replyCode(MessagingException error) {
        for (Throwable t = error; t != null; t = next(t)) {
            try {
                Method method = t.getClass().getMethod("getReturnCode");
                Object value = method.invoke(t);
                if (value instanceof Integer code && code > 0) {
                    return code;
                }
            } catch (ReflectiveOperationException notAnSmtpException) {
                // keep looking
            }
        }
        Matcher matcher = REPLY_CODE.matcher(String.valueOf(error.getMessage()));
        return matcher.find() && error.getMessage().trim().startsWith(matcher.group(1)) ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static Throwable deepest(MessagingException error) {
        Throwable last = error;
        for (Throwable t = error; t != null; t = next(t)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                last = t;
            }
        }
        return last;
    }

    private static IOException ioCause(Throwable error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
