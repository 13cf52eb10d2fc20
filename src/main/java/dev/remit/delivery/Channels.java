package dev.remit.delivery;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.remit.instance.InstanceProperties;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Where each message goes: SMTP when {@code spring.mail.host} is set, Twilio when
 * {@code remit.sms.twilio.account-sid} is; otherwise, and always for sandboxed messages, the file
 * outbox under the data folder.
 */
@Component
class Channels {

    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    private final MailSettings mail;
    private final MimeComposer composer;
    private final SmtpChannel smtp;
    private final TwilioChannel twilio;
    private final FileOutbox outbox;

    Channels(MailSettings mail, SmtpPoolSettings smtpPool, TwilioSettings twilio, InstanceProperties instance,
            ObjectProvider<JavaMailSenderImpl> mailSender) {
        this.mail = mail;
        this.composer = new MimeComposer(mail);
        JavaMailSenderImpl sender = mailSender.getIfAvailable();
        this.smtp = sender == null || sender.getHost() == null || sender.getHost().isBlank() ? null
                : new SmtpChannel(sender, smtpPool, System::nanoTime);
        if (smtp != null && mail.fromMode() == MailSettings.FromMode.SENDING_ADDRESS
                && (mail.fromAddress() == null || mail.fromAddress().isBlank())) {
            throw new IllegalStateException("spring.mail.host is set: set remit.mail.from-address (REMIT_MAIL_FROM_ADDRESS), "
                    + "the address emails go out from, or remit.mail.from-mode=sender");
        }
        if (mail.fromAddress() != null && !mail.fromAddress().isBlank()) {
            MessageChecks.address(mail.fromAddress(), "remit.mail.from-address");
        }
        twilio.check();
        this.twilio = twilio.configured() ? new TwilioChannel(twilio, RestClient.builder()) : null;
        this.outbox = new FileOutbox(instance.dataDir());
    }

    String messageIdDomain() {
        return mail.messageIdDomainOrDefault();
    }

    Outcome deliver(String id, String messageId, OutboundMessage message) {
        if (message instanceof EmailMessage email) {
            return email(id, messageId, email);
        }
        return sms(id, (SmsMessage) message);
    }

    private Outcome email(String id, String messageId, EmailMessage email) {
        boolean toFile = email.sandbox() || smtp == null;
        MimeMessage mime;
        try {
            mime = composer.compose(email, messageId, toFile ? null : smtp.session());
        } catch (MessagingException | RuntimeException e) {
            return new Outcome.Permanent("email could not be composed: " + ErrorText.of(e));
        }
        return toFile ? outbox.writeEmail(id, mime) : smtp.send(mime);
    }

    private Outcome sms(String id, SmsMessage sms) {
        if (sms.sandbox() || twilio == null) {
            return outbox.writeSms(id, sms.to(), twilio == null ? null : twilio.from(), sms.body());
        }
        return twilio.send(sms.to(), sms.body());
    }

    Path emailOutbox() {
        return outbox.emailFolder();
    }

    Path smsOutbox() {
        return outbox.smsFolder();
    }

    String emailRoute() {
        return smtp != null ? smtp.describe() : "files in " + outbox.emailFolder() + " (no SMTP configured: set spring.mail.host)";
    }

    String smsRoute() {
        return twilio != null ? twilio.describe()
                : "files in " + outbox.smsFolder() + " (no Twilio configured: set remit.sms.twilio.account-sid)";
    }

    /** Closes the SMTP connections kept open (QUIT). */
    @PreDestroy
    void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info("email: {}", emailRoute());
        log.info("sms: {}", smsRoute());
        log.info("sandboxed messages (liveMode false): files in {}", outbox.emailFolder().getParent());
    }
}
