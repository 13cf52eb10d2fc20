package dev.remit.delivery;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Builds the MIME message of a stored email: the same bytes go to the SMTP server and to the outbox.
 * Structure: text/plain, or multipart/alternative (text, HTML); inside multipart/mixed with the
 * attachments when there are any.
 */
final class MimeComposer {

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader scan of the whole class
        // path for every body part, multipart and encoded header (jakartaee/mail-api#699, #861): at
        // load, a third of the CPU and most of the allocation of delivering an email. Named here, the
        // lookup is one Class.forName instead.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private static final Session FILE_SESSION = Session.getInstance(new Properties());

    private final MailSettings settings;

    MimeComposer(MailSettings settings) {
        this.settings = settings;
    }

    MimeMessage compose(EmailMessage email, String messageId, Session session) throws MessagingException {
        MimeMessage message = new StableIdMimeMessage(session == null ? FILE_SESSION : session, messageId);
        String name = blankToNull(email.fromName());
        String sendingAddress = blankToNull(settings.fromAddress());
        boolean fromSender = settings.fromMode() == MailSettings.FromMode.SENDER || sendingAddress == null;
        if (fromSender && email.fromAddress() != null) {
            message.setFrom(address(email.fromAddress(), name));
            if (email.replyTo() != null && !email.replyTo().equalsIgnoreCase(email.fromAddress())) {
                message.setReplyTo(new InternetAddress[] {address(email.replyTo(), name)});
            }
        } else {
            message.setFrom(address(sendingAddress != null ? sendingAddress : "remit@localhost", name));
            String replyTo = email.replyTo() != null ? email.replyTo() : email.fromAddress();
            if (replyTo != null) {
                message.setReplyTo(new InternetAddress[] {address(replyTo, name)});
            }
        }
        setRecipients(message, Message.RecipientType.TO, email.to());
        setRecipients(message, Message.RecipientType.CC, email.cc());
        setRecipients(message, Message.RecipientType.BCC, email.bcc());
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());

        MimeMultipart alternative = alternative(email);
        String text = email.textBody() == null ? "" : email.textBody();
        if (email.attachments().isEmpty()) {
            if (alternative == null) {
                message.setText(text, StandardCharsets.UTF_8.name());
            } else {
                message.setContent(alternative);
            }
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            if (alternative == null) {
                body.setText(text, StandardCharsets.UTF_8.name());
            } else {
                body.setContent(alternative);
            }
            mixed.addBodyPart(body);
            for (EmailMessage.Attachment attachment : email.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
                part.setFileName(attachment.filename());
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    /** Text and HTML as alternatives; null when there is no HTML (the email is plain text). */
    private static MimeMultipart alternative(EmailMessage email) throws MessagingException {
        if (email.htmlBody() == null) {
            return null;
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        if (email.textBody() != null) {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(email.textBody(), StandardCharsets.UTF_8.name());
            alternative.addBodyPart(plain);
        }
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(email.htmlBody(), StandardCharsets.UTF_8.name(), "html");
        alternative.addBodyPart(rich);
        return alternative;
    }

    private static void setRecipients(MimeMessage message, Message.RecipientType type, List<String> addresses)
            throws MessagingException {
        if (addresses.isEmpty()) {
            return;
        }
        InternetAddress[] parsed = new InternetAddress[addresses.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = new InternetAddress(addresses.get(i));
        }
        message.setRecipients(type, parsed);
    }

    private static InternetAddress address(String address, String name) throws MessagingException {
        try {
            return new InternetAddress(address, name, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 unsupported", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Keeps our Message-ID: JavaMail would otherwise make a new one on every save. */
    private static final class StableIdMimeMessage extends MimeMessage {

        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
