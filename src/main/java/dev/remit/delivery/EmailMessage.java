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
        List<Attachment> attachments) implements OutboundMessage {

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
