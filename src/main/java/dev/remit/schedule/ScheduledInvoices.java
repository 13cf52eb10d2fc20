package dev.remit.schedule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.invoice.Totals;
import dev.remit.invoice.web.InvoiceContents;
import dev.remit.invoice.web.InvoiceResponse;
import dev.remit.invoice.web.InvoiceRequests.CreateInvoice;
import dev.remit.send.InvoiceSending;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every call this capability makes into invoices and sending, in one place: a schedule's content is
 * the create-invoice body without its dates and recipients, checked by the same rules, and each
 * occurrence is created through {@link InvoiceService#create} and sent through the send path.
 */
@Component
public class ScheduledInvoices {

    private final InvoiceService invoices;
    private final InvoiceSettingsService settings;
    private final InvoiceContents contents;
    private final InvoiceSending sending;
    private final RequestBinder binder;
    private final ObjectMapper json;

    ScheduledInvoices(InvoiceService invoices, InvoiceSettingsService settings, InvoiceContents contents,
            InvoiceSending sending, RequestBinder binder, ObjectMapper json) {
        this.invoices = invoices;
        this.settings = settings;
        this.contents = contents;
        this.sending = sending;
        this.binder = binder;
        this.json = json;
    }

    /**
     * The invoice content an occurrence on these dates would have; problems are added to {@code v}
     * with the body's own paths (items.0.qty). Null when there are problems.
     */
    public InvoiceContent content(Location location, ObjectNode content, boolean liveMode, LocalDate issue,
            LocalDate due, Violations v) {
        ObjectNode body = content.deepCopy();
        body.put("altId", location.id());
        body.put("altType", "location");
        body.put("issueDate", issue.toString());
        body.put("dueDate", due.toString());
        body.put("liveMode", liveMode);
        ObjectNode sentTo = body.putObject("sentTo");
        ArrayNode emails = sentTo.putArray("email");
        JsonNode contact = content.path("contactDetails");
        if (contact.path("email").isString() && !contact.path("email").asString().isBlank()) {
            emails.add(contact.path("email").asString());
        }
        if (contact.path("phoneNo").isString() && !contact.path("phoneNo").asString().isBlank()) {
            sentTo.putArray("phoneNo").add(contact.path("phoneNo").asString());
        }
        CreateInvoice request = binder.bind(body, CreateInvoice.class, v, location);
        if (!v.isEmpty()) {
            return null;
        }
        return contents.fromCreate(request, location, settings.effective(location));
    }

    public BigDecimal total(InvoiceContent content) {
        return Totals.compute(java.util.Currency.getInstance(content.currency()), content.items(), content.discount(),
                content.charges()).total();
    }

    /**
     * Creates the occurrence's invoice and sends it (email, and SMS when the contact has a phone), with
     * the schedule's liveMode and saved payment method: in the caller's transaction.
     */
    public Invoice generate(Location location, InvoiceSchedule schedule, ScheduleTiming.Occurrence occurrence) {
        Violations v = new Violations();
        InvoiceContent content = content(location, schedule.content(), schedule.liveMode(), occurrence.issueDate(),
                occurrence.dueDate(), v);
        v.throwIfAny();
        Invoice invoice = invoices.create(location.id(), content, null);
        boolean sms = content.smsPhones().contact() != null;
        sending.sendInCurrentTransaction(location, invoice.id(), sms, schedule.liveMode(), schedule.autoPayment());
        return invoice;
    }

    /** The generated invoices as HighLevel's DefaultInvoiceResponseDto, in the order given. */
    public ArrayNode views(String locationId, List<String> invoiceIds) {
        ArrayNode out = json.createArrayNode();
        List<Invoice> found = new ArrayList<>();
        for (String id : invoiceIds) {
            invoices.find(locationId, id).ifPresent(found::add);
        }
        found.forEach(invoice -> out.add(json.valueToTree(InvoiceResponse.of(invoice))));
        return out;
    }
}
