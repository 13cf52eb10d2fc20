package dev.remit.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * An email. {@code fromName} and {@code fromAddress} are the sender's (the business or the user
 * sending); with {@code remit.mail.from-mode=sending-address} (the default) the email goes out From
 * {@code remit.mail.from-address} with the sender's name and Reply-To {@code replyTo} (the sender's
 * address when null), which is safe under DMARC. With {@code from-mode=sender} it goes out From the
 * sender's own address.
 *
 * @param htmlBody optional; with it the email is multipart/alternative text and HTML
 * @param attachments optional files (the invoice PDF)
 * @param writer null for an email queued with its content; otherwise the {@link EmailWriter} that
 *        writes its subject, bodies and attachments when it is first delivered ({@link #pending})
 */
public record EmailMessage(
        String locationId,
        String invoiceId,
        boolean sandbox,
        String fromName,
        String fromAddress,
        String replyTo,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        String textBody,
        String htmlBody,
        List<Attachment> attachments,
        String writer) implements OutboundMessage {

    /** An email with its content. */
    public EmailMessage(String locationId, String invoiceId, boolean sandbox, String fromName, String fromAddress,
            String replyTo, List<String> to, List<String> cc, List<String> bcc, String subject, String textBody,
            String htmlBody, List<Attachment> attachments) {
        this(locationId, invoiceId, sandbox, fromName, fromAddress, replyTo, to, cc, bcc, subject, textBody, htmlBody,
                attachments, null);
    }

    /**
     * An email whose content the {@link EmailWriter} named {@code writer} writes when it is first
     * delivered, from what the email is about as it is then. {@code fromName} may be null: the
     * writer names the sender.
     */
    public static EmailMessage pending(String locationId, String invoiceId, boolean sandbox, String fromName,
            String fromAddress, List<String> to, List<String> cc, List<String> bcc, String writer) {
        return new EmailMessage(locationId, invoiceId, sandbox, fromName, fromAddress, null, to, cc, bcc, null, null, null,
                List.of(), Objects.requireNonNull(writer, "writer"));
    }

    /**
     * A pending email with a subject and a text for its writer to start from (a reminder's own subject
     * and message, filled in when it is written); either may be null.
     */
    public static EmailMessage pending(String locationId, String invoiceId, boolean sandbox, String fromName,
            String fromAddress, List<String> to, List<String> cc, List<String> bcc, String writer, String subject,
            String text) {
        return new EmailMessage(locationId, invoiceId, sandbox, fromName, fromAddress, null, to, cc, bcc, subject, text, null,
                List.of(), Objects.requireNonNull(writer, "writer"));
    }

    /** Whether the content is still to be written. */
    public boolean isPending() {
        return writer != null;
    }

    /** This email with the content a writer wrote (the sender's name too, when it had none). */
    EmailMessage written(Content content) {
        return new EmailMessage(locationId, invoiceId, sandbox, fromName != null ? fromName : content.fromName(), fromAddress,
                replyTo, to, cc, bcc, content.subject(), content.textBody(), content.htmlBody(), content.attachments(), null);
    }

    /** What an {@link EmailWriter} writes. {@code fromName} is used only when the email has none. */
    public record Content(String fromName, String subject, String textBody, String htmlBody, List<Attachment> attachments) {
    }

    public EmailMessage {
        Objects.requireNonNull(locationId, "locationId");
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public List<String> recipients() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.addAll(to);
        all.addAll(cc);
        all.addAll(bcc);
        return new ArrayList<>(all);
    }

    /**
     * A file attached to an email.
     *
     * @param filename as the recipient sees it, e.g. {@code INV-000019.pdf}
     * @param contentType a MIME type, e.g. {@code application/pdf}
     */
    public record Attachment(String filename, String contentType, byte[] content) {

        public Attachment {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Attachment a && filename.equals(a.filename) && contentType.equals(a.contentType)
                    && java.util.Arrays.equals(content, a.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(filename, contentType, java.util.Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "Attachment[" + filename + ", " + contentType + ", " + content.length + " bytes]";
        }
    }
}
