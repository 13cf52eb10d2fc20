package dev.remit.delivery;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * SMTP with Spring Mail's settings ({@code spring.mail.*}, read from Spring Boot's
 * {@link JavaMailSenderImpl}). One connection per message; the server's answer to the message
 * (e.g. {@code 250 2.0.0 Ok: queued as 4F2B1}) is the provider id.
 *
 * <p>Failures: an SMTP 5xx reply (an address or the message refused) is permanent; a 4xx reply, a
 * connection refused or timed out, or a rejected login (the deployment's problem, not the message's)
 * is transient.
 */
final class SmtpChannel {

    private static final Pattern REPLY_CODE = Pattern.compile("(?<![0-9])([245][0-9][0-9])(?![0-9])");

    private final JavaMailSenderImpl sender;

    SmtpChannel(JavaMailSenderImpl sender) {
        java.util.Properties properties = sender.getJavaMailProperties();
        String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
        if (!properties.containsKey("mail." + protocol + ".socketFactory")
                && !properties.containsKey("mail." + protocol + ".socketFactory.class")) {
            properties.put("mail." + protocol + ".socketFactory", new NoDelaySocketFactory());
            sender.setJavaMailProperties(properties); // a session made before would not see it
        }
        this.sender = sender;
        ErrorText.secret(sender.getPassword());
    }

    Session session() {
        return sender.getSession();
    }

    String describe() {
        boolean starttls = Boolean.parseBoolean(sender.getJavaMailProperties().getProperty("mail.smtp.starttls.enable", "false"));
        return "SMTP " + sender.getHost() + ":" + (sender.getPort() > 0 ? sender.getPort() : 25)
                + (starttls ? " (STARTTLS)" : "") + (sender.getUsername() != null ? " as " + sender.getUsername() : "");
    }

    Outcome send(MimeMessage message) {
        try {
            Transport transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
            try {
                transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
                transport.sendMessage(message, message.getAllRecipients());
                return new Outcome.Delivered(ErrorText.clean(lastServerResponse(transport)));
            } finally {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the message was handed over or the error is already on its way
                }
            }
        } catch (MessagingException e) {
            return classify(e);
        } catch (RuntimeException e) {
            return new Outcome.Transient("smtp: " + ErrorText.of(e));
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

    private static String lastServerResponse(Transport transport) {
        try {
            Object response = transport.getClass().getMethod("getLastServerResponse").invoke(transport);
            return response == null ? "250" : response.toString();
        } catch (ReflectiveOperationException e) {
            return "250";
        }
    }
}
