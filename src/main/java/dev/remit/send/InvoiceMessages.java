package dev.remit.send;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import dev.remit.RemitProperties;
import dev.remit.delivery.EmailMessage;
import dev.remit.delivery.SmsMessage;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;

/**
 * The email and the SMS that carry an invoice: who they go to, and what they say (business, number,
 * amount due in the invoice's currency, issue and due dates, and the "View and pay" link to the
 * invoice's public page).
 */
@Component
class InvoiceMessages {

    static final int SMS_SEGMENT = 160;

    private final ITemplateEngine templates;
    private final RemitProperties remit;

    InvoiceMessages(ITemplateEngine templates, RemitProperties remit) {
        this.templates = templates;
        this.remit = remit;
    }

    /** Who sends: sentFrom, else the location's sender settings, else its business details. */
    record Sender(String name, String email) {
    }

    record EmailRecipients(List<String> to, List<String> cc, List<String> bcc) {
        boolean isEmpty() {
            return to.isEmpty() && cc.isEmpty() && bcc.isEmpty();
        }
    }

    /** The invoice's public page: an unguessable token (256 bits) under remit.public-base-url. */
    String publicUrl(Invoice invoice) {
        String base = remit.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/i/" + invoice.publicToken();
    }

    /** To: the contact's email, sentTo.email and the contact's additional emails; Cc and Bcc: sentTo's. */
    static EmailRecipients emailRecipients(InvoiceContent content) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> to = new ArrayList<>();
        add(to, seen, content.contactText("email"));
        for (JsonNode email : iterable(content.sentTo(), "email")) {
            add(to, seen, email.asString(""));
        }
        JsonNode contact = content.contactDetails();
        for (JsonNode additional : iterable(contact, "additionalEmails")) {
            add(to, seen, additional.isObject() ? additional.path("email").asString("") : additional.asString(""));
        }
        List<String> cc = new ArrayList<>();
        for (JsonNode email : iterable(content.sentTo(), "emailCc")) {
            add(cc, seen, email.asString(""));
        }
        List<String> bcc = new ArrayList<>();
        for (JsonNode email : iterable(content.sentTo(), "emailBcc")) {
            add(bcc, seen, email.asString(""));
        }
        if (to.isEmpty() && !cc.isEmpty()) {
            to.add(cc.remove(0));
        }
        return new EmailRecipients(to, cc, bcc);
    }

    /** The contact's phone and sentTo.phoneNo, in E.164 (the invoice stores them so), each once. */
    static List<String> phoneRecipients(InvoiceContent content) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> phones = new ArrayList<>();
        add(phones, seen, content.contactText("phoneNo"));
        for (JsonNode phone : iterable(content.sentTo(), "phoneNo")) {
            add(phones, seen, phone.asString(""));
        }
        phones.removeIf(phone -> !phone.matches("\\+[1-9][0-9]{6,14}"));
        return phones;
    }

    EmailMessage email(Invoice invoice, Location location, Sender sender, EmailRecipients recipients, boolean sandbox,
            boolean copy) {
        View view = view(invoice, location, copy);
        String subject = copy ? "Paid: invoice " + view.number() + " from " + view.business()
                : "Invoice " + view.number() + " from " + view.business();
        Context context = new Context(view.locale());
        context.setVariable("v", view);
        String html = templates.process("mail/invoice", context);
        return new EmailMessage(location.id(), invoice.id(), sandbox, sender.name() == null ? view.business() : sender.name(),
                sender.email(), null, recipients.to(), recipients.cc(), recipients.bcc(), subject, text(view), html, List.of());
    }

    List<SmsMessage> sms(Invoice invoice, Location location, List<String> phones, boolean sandbox, boolean copy) {
        String body = smsText(view(invoice, location, copy));
        return phones.stream().map(phone -> new SmsMessage(location.id(), invoice.id(), sandbox, phone, body)).toList();
    }

    /** Everything the messages show, formatted for the location's country. */
    record View(String business, String contactName, String number, String amountDue, String total, String issueDate,
            String dueDate, String link, boolean copy, Locale locale) {
    }

    View view(Invoice invoice, Location location, boolean copy) {
        InvoiceContent content = invoice.content();
        Locale locale = new Locale("en", location.country() == null ? "US" : location.country());
        String business = text(content.businessDetails(), "name");
        if (business == null) {
            business = location.name();
        }
        String prefix = content.invoiceNumberPrefix() == null ? "" : content.invoiceNumberPrefix();
        String number = invoice.invoiceNumber().startsWith(prefix) ? invoice.invoiceNumber() : prefix + invoice.invoiceNumber();
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        LocalDate due = content.dueDate() == null ? content.issueDate() : content.dueDate();
        return new View(business, content.contactText("name"), number, money(invoice.amountDue(), invoice.currency(), locale),
                money(invoice.totals().total(), invoice.currency(), locale), dates.format(content.issueDate()),
                dates.format(due), publicUrl(invoice), copy, locale);
    }

    static String money(BigDecimal amount, Currency currency, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        return format.format(amount);
    }

    static String text(View v) {
        StringBuilder text = new StringBuilder();
        text.append(v.contactName() == null ? "Hello," : "Hello " + v.contactName() + ",").append("\n\n");
        if (v.copy()) {
            text.append(v.business()).append(" sent you a copy of invoice ").append(v.number()).append(", which is paid.\n\n");
            text.append("Total: ").append(v.total()).append(" (paid)\n");
        } else {
            text.append(v.business()).append(" sent you invoice ").append(v.number()).append(".\n\n");
            text.append("Amount due: ").append(v.amountDue()).append('\n');
        }
        text.append("Issued: ").append(v.issueDate()).append('\n');
        if (!v.copy()) {
            text.append("Due: ").append(v.dueDate()).append('\n');
        }
        text.append('\n').append(v.copy() ? "View: " : "View and pay: ").append(v.link()).append("\n\n");
        text.append(v.business()).append('\n');
        return text.toString();
    }

    /** One 160-character segment whenever the link allows: the due date goes first, then the business name shrinks. */
    static String smsText(View v) {
        String link = (v.copy() ? " View: " : " View and pay: ") + v.link();
        String amount = v.copy() ? ", " + v.total() + " paid." : ", " + v.amountDue() + " due " + v.dueDate() + ".";
        String business = v.business();
        String body = business + ": invoice " + v.number() + amount + link;
        if (body.length() > SMS_SEGMENT && !v.copy()) {
            amount = ", " + v.amountDue() + " due.";
            body = business + ": invoice " + v.number() + amount + link;
        }
        if (body.length() > SMS_SEGMENT) {
            int room = SMS_SEGMENT - (body.length() - business.length());
            if (room >= 8) {
                business = business.substring(0, room - 3).trim() + "...";
                body = business + ": invoice " + v.number() + amount + link;
            }
        }
        return body;
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

    private static String text(JsonNode node, String field) {
        if (node == null || !node.has(field) || !node.get(field).isString() || node.get(field).asString().isBlank()) {
            return null;
        }
        return node.get(field).asString();
    }
}
