package dev.remit.delivery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import dev.remit.text.TextRule;

/**
 * Guards the headers against injection before a message is stored: names and subjects lose their
 * control characters (CR and LF among them); an address with any, or that is not one plain
 * {@code local@domain}, is refused. Names, subjects and bodies keep only {@link TextRule}, so
 * that no stored text can stop a message from being written. Callers are expected to have validated
 * their input; this is the last line.
 */
final class MessageChecks {

    static final int MAX_RECIPIENTS = 50;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private MessageChecks() {
    }

    static OutboundMessage checked(OutboundMessage message) {
        if (message instanceof EmailMessage email) {
            return checked(email);
        }
        return checked((SmsMessage) message);
    }

    static EmailMessage checked(EmailMessage email) {
        Set<String> seen = new HashSet<>();
        List<String> to = addresses(email.to(), "to", seen);
        List<String> cc = addresses(email.cc(), "cc", seen);
        List<String> bcc = addresses(email.bcc(), "bcc", seen);
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new IllegalArgumentException("an email needs at least one recipient");
        }
        if (to.size() + cc.size() + bcc.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("an email may have at most " + MAX_RECIPIENTS + " recipients");
        }
        if (!email.isPending() && email.textBody() == null && email.htmlBody() == null) {
            throw new IllegalArgumentException("an email needs a text or an HTML body");
        }
        List<EmailMessage.Attachment> attachments = new ArrayList<>();
        for (EmailMessage.Attachment attachment : email.attachments()) {
            String filename = text(attachment.filename()).replace("\"", "'").replace("/", "_").replace("\\", "_");
            String type = attachment.contentType().trim();
            if (!type.matches("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")) {
                throw new IllegalArgumentException("attachment content type is not a plain MIME type");
            }
            attachments.add(new EmailMessage.Attachment(filename.isEmpty() ? "attachment" : filename, type, attachment.content()));
        }
        return new EmailMessage(id(email.locationId(), "locationId"), optionalId(email.invoiceId()), email.sandbox(),
                email.fromName() == null ? null : text(email.fromName()),
                email.fromAddress() == null ? null : address(email.fromAddress(), "fromAddress"),
                email.replyTo() == null ? null : address(email.replyTo(), "replyTo"),
                to, cc, bcc, email.isPending() && email.subject() == null ? null : text(email.subject() == null ? "" : email.subject()),
                TextRule.renderable(email.textBody()), TextRule.renderable(email.htmlBody()), attachments, email.writer());
    }

    static SmsMessage checked(SmsMessage sms) {
        String to = sms.to() == null ? "" : sms.to().trim();
        if (!E164.matcher(to).matches()) {
            throw new IllegalArgumentException("an SMS goes to a number in E.164 form (+15551234567), not " + quoted(to));
        }
        String body = TextRule.renderable(sms.body());
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("an SMS needs a body");
        }
        if (body.length() > 1600) {
            throw new IllegalArgumentException("an SMS body may have at most 1600 characters");
        }
        return new SmsMessage(id(sms.locationId(), "locationId"), optionalId(sms.invoiceId()), sms.sandbox(), to, body);
    }

    /** One line, no control characters, nothing a header cannot encode. */
    static String text(String value) {
        return TextRule.renderable(CONTROL.matcher(value).replaceAll(" ")).trim();
    }

    static String address(String value, String what) {
        if (value == null || CONTROL.matcher(value).find()) {
            throw new IllegalArgumentException(what + " is not an email address");
        }
        String trimmed = value.trim();
        try {
            InternetAddress parsed = new InternetAddress(trimmed, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !trimmed.equals(parsed.getAddress()) || !trimmed.contains("@")
                    || parsed.isGroup()) {
                throw new AddressException("not a plain address");
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException(what + " is not an email address: " + quoted(trimmed));
        }
        return trimmed;
    }

    /** Each address once across To, Cc and Bcc (the first place it appears wins). */
    private static List<String> addresses(List<String> values, String what, Set<String> seen) {
        List<String> result = new ArrayList<>();
        for (String value : values) {
            String address = address(value, what);
            if (seen.add(address.toLowerCase(Locale.ROOT))) {
                result.add(address);
            }
        }
        return result;
    }

    private static String id(String value, String what) {
        if (value == null || !value.matches("[0-9a-f]{24}")) {
            throw new IllegalArgumentException(what + " must be 24 hex characters");
        }
        return value;
    }

    private static String optionalId(String value) {
        return value == null ? null : id(value, "invoiceId");
    }

    private static String quoted(String value) {
        String shown = text(value);
        return "\"" + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown) + "\"";
    }
}
