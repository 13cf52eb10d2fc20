package dev.remit.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * remit's email settings ({@code remit.mail.*}); the SMTP server itself is Spring's
 * {@code spring.mail.host}, {@code port}, {@code username}, {@code password} and
 * {@code properties.mail.smtp.starttls.enable}.
 *
 * @param fromAddress the address emails go out From (with the sender's name); required with SMTP
 *        in {@code sending-address} mode
 * @param fromMode {@code sending-address}: From the sending address, Reply-To the sender (safe under
 *        DMARC); {@code sender}: From the sender's own address (the deployment's SMTP server must be
 *        allowed to send for the senders' domains)
 * @param messageIdDomain the right-hand side of Message-IDs; the from address's domain when empty, else {@code remit}
 */
@ConfigurationProperties("remit.mail")
record MailSettings(
        String fromAddress,
        @DefaultValue("sending-address") FromMode fromMode,
        String messageIdDomain) {

    public enum FromMode {
        SENDING_ADDRESS, SENDER
    }

    String messageIdDomainOrDefault() {
        if (messageIdDomain != null && !messageIdDomain.isBlank()) {
            return messageIdDomain.trim();
        }
        if (fromAddress != null && fromAddress.contains("@")) {
            String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).trim();
            if (domain.matches("[A-Za-z0-9.-]+")) {
                return domain;
            }
        }
        return "remit";
    }
}
