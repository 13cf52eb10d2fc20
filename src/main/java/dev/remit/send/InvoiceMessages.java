package dev.remit.send;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.remit.delivery.EmailMessage;
import dev.remit.delivery.EmailWriter;
import dev.remit.delivery.SmsMessage;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceService;
import dev.remit.page.InvoiceRenderer;
import dev.remit.page.InvoiceView;
import dev.remit.page.InvoiceViews;
import dev.remit.page.Placeholders;
import dev.remit.page.PublicLinks;
import dev.remit.page.RenderedEmail;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;
import tools.jackson.databind.JsonNode;

/**
 * The email and the SMS that carry an invoice: who they go to, and what they say. The words and
 * the look are the hosted page's ({@link InvoiceRenderer}): subject, text and HTML with the amount
 * due, the dates, the items and the link ("View and pay" when the page can take the payment), and the invoice's PDF attached. The email is queued
 * pending and written by the delivery worker ({@link EmailWriter}), from the invoice as it is then.
 */
@Component
class InvoiceMessages implements EmailWriter {

    static final String WRITER = EmailWriter.INVOICE;
    /** The longest SMS the delivery pipeline takes (ten segments). */
    static final int SMS_MAX = 1600;

    private final InvoiceViews views;
    private final InvoiceRenderer renderer;
    private final PublicLinks links;
    private final InvoiceService invoices;
    private final TenancyRepository tenancy;

    InvoiceMessages(InvoiceViews views, InvoiceRenderer renderer, PublicLinks links, InvoiceService invoices,
            TenancyRepository tenancy) {
        this.views = views;
        this.renderer = renderer;
        this.links = links;
        this.invoices = invoices;
        this.tenancy = tenancy;
    }

    /** Who sends: sentFrom, else the location's sender settings, else its business details. */
    record Sender(String name, String email) {
    }

    record EmailRecipients(List<String> to, List<String> cc, List<String> bcc) {
        boolean isEmpty() {
            return to.isEmpty() && cc.isEmpty() && bcc.isEmpty();
        }
    }

    /** The invoice's public page: remit.public-base-url, /i/ and its unguessable token (256 bits). */
    String publicUrl(Invoice invoice) {
        return links.page(invoice.publicToken());
    }

    /** To: the contact's email, sentTo.email and the contact's additional emails; Cc and Bcc: sentTo's. */
    static EmailRecipients emailRecipients(InvoiceContent content) {
        return emailRecipients(content.contactDetails(), content.sentTo());
    }

    /** The same recipients from any document's contactDetails and sentTo (an estimate's). */
    static EmailRecipients emailRecipients(JsonNode contact, JsonNode sentTo) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> to = new ArrayList<>();
        JsonNode contactEmail = contact == null ? null : contact.get("email");
        add(to, seen, contactEmail == null || !contactEmail.isString() ? null : contactEmail.asString());
        for (JsonNode email : iterable(sentTo, "email")) {
            add(to, seen, email.asString(""));
        }
        for (JsonNode additional : iterable(contact, "additionalEmails")) {
            add(to, seen, additional.isObject() ? additional.path("email").asString("") : additional.asString(""));
        }
        List<String> cc = new ArrayList<>();
        for (JsonNode email : iterable(sentTo, "emailCc")) {
            add(cc, seen, email.asString(""));
        }
        List<String> bcc = new ArrayList<>();
        for (JsonNode email : iterable(sentTo, "emailBcc")) {
            add(bcc, seen, email.asString(""));
        }
        if (to.isEmpty() && !cc.isEmpty()) {
            to.add(cc.remove(0));
        }
        return new EmailRecipients(to, cc, bcc);
    }

    /** The contact's phone and sentTo.phoneNo, in E.164 (as the invoice keeps them for SMS), each once. */
    static List<String> phoneRecipients(InvoiceContent content) {
        return phoneRecipients(content.smsPhones());
    }

    static List<String> phoneRecipients(dev.remit.invoice.SmsPhones smsPhones) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> phones = new ArrayList<>();
        add(phones, seen, smsPhones.contact());
        for (String phone : smsPhones.sentTo()) {
            add(phones, seen, phone);
        }
        phones.removeIf(phone -> !phone.matches("\\+[1-9][0-9]{6,14}"));
        return phones;
    }

    /** The invoice's email, to be written when it is delivered. */
    EmailMessage email(Invoice invoice, Location location, Sender sender, EmailRecipients recipients, boolean sandbox) {
        return EmailMessage.pending(location.id(), invoice.id(), sandbox, sender.name(), sender.email(), recipients.to(),
                recipients.cc(), recipients.bcc(), WRITER);
    }

    @Override
    public String name() {
        return WRITER;
    }

    /** Subject, text, HTML and the PDF, from the invoice as it is now; the business names the sender when no one did. */
    @Override
    public EmailMessage.Content write(EmailMessage pending) {
        Location location = location(pending);
        InvoiceView view = views.of(invoice(pending, location), location);
        return content(view, renderer.email(view, views.paper(location)));
    }

    /**
     * A reminder's email: the pending email's subject and text (a reminder's own, with placeholders) filled
     * in from the invoice as it is now, or without them {@code prefix} and the invoice email's subject,
     * and its words.
     */
    EmailMessage.Content writeReminder(EmailMessage pending, String prefix) {
        Location location = location(pending);
        InvoiceView view = views.of(invoice(pending, location), location);
        String subject = Placeholders.fill(pending.subject(), view, true);
        if (subject == null || subject.isBlank()) {
            subject = prefix + InvoiceRenderer.subject(view);
        }
        String message = Placeholders.fill(pending.textBody(), view, false);
        return content(view, renderer.reminderEmail(view, views.paper(location), subject,
                message == null || message.isBlank() ? null : message));
    }

    private static EmailMessage.Content content(InvoiceView view, RenderedEmail rendered) {
        return new EmailMessage.Content(view.business().name(), rendered.subject(), rendered.text(), rendered.html(),
                List.of(new EmailMessage.Attachment(rendered.pdfName(), "application/pdf", rendered.pdf())));
    }

    private Location location(EmailMessage pending) {
        return tenancy.findLocation(pending.locationId())
                .orElseThrow(() -> new IllegalArgumentException("location " + pending.locationId() + " is gone"));
    }

    private Invoice invoice(EmailMessage pending, Location location) {
        return invoices.find(location.id(), pending.invoiceId())
                .orElseThrow(() -> new IllegalArgumentException("invoice " + pending.invoiceId() + " is gone"));
    }

    /** The SMS text of {@code template} (a reminder's own, with placeholders) for the invoice as it is now. */
    String smsText(String template, Invoice invoice, Location location) {
        String text = Placeholders.fill(template, views.of(invoice, location), false);
        return text.length() > SMS_MAX ? text.substring(0, SMS_MAX - 3) + "..." : text;
    }

    List<SmsMessage> sms(Invoice invoice, Location location, List<String> phones, boolean sandbox) {
        InvoiceView view = views.of(invoice, location);
        LocalDate due = invoice.content().dueDate() == null ? invoice.content().issueDate() : invoice.content().dueDate();
        String body = InvoiceRenderer.sms(view, due, views.formats(invoice, location), views.today(location));
        return phones.stream().map(phone -> new SmsMessage(location.id(), invoice.id(), sandbox, phone, body)).toList();
    }

    private static void add(List<String> list, Set<String> seen, String value) {
        if (value != null && !value.isBlank() && seen.add(value.trim().toLowerCase(Locale.ROOT))) {
            list.add(value.trim());
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode node, String field) {
        if (node == null || !node.has(field) || !node.get(field).isArray()) {
            return List.of();
        }
        List<JsonNode> values = new ArrayList<>();
        node.get(field).forEach(values::add);
        return values;
    }
}
