package dev.remit.delivery;

import java.util.List;

/** Messages for tests. */
final class Messages {

    static final String INVOICE = "6578278e879ad2646715ba9c";

    private Messages() {
    }

    static EmailMessage email(String locationId, String to) {
        return new EmailMessage(locationId, INVOICE, false, "Acme Plumbing", "billing@acme.example", null,
                List.of(to), List.of(), List.of(), "Invoice 19 from Acme Plumbing", "Amount due: $1,250.00",
                "<p>Amount due: <b>$1,250.00</b></p>", List.of());
    }

    static EmailMessage sandboxedEmail(String locationId, String to) {
        EmailMessage e = email(locationId, to);
        return new EmailMessage(e.locationId(), e.invoiceId(), true, e.fromName(), e.fromAddress(), e.replyTo(), e.to(),
                e.cc(), e.bcc(), e.subject(), e.textBody(), e.htmlBody(), e.attachments());
    }

    static SmsMessage sms(String locationId, String to) {
        return new SmsMessage(locationId, INVOICE, false, to, "Acme Plumbing: invoice 19, $1,250.00 due Dec 1. Pay: https://pay.example/i/abc");
    }
}
