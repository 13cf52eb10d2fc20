package dev.remit.schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.remit.api.MoneyJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A schedule as HighLevel's GetScheduleResponseDto (and the other schedule responses, which share it);
 * also the snapshot the schedule's domain events carry.
 */
@Component
public class ScheduleViews {

    /**
     * Content properties the update body does not carry (remindersConfiguration: may leave out): kept from
     * the stored content unless the update gives them.
     */
    public static final List<String> KEPT_ON_UPDATE = List.of("automaticTaxesEnabled", "tipsConfiguration",
            "lateFeesConfiguration", "invoiceNumberPrefix", "paymentMethods", "remindersConfiguration");

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final ScheduledInvoices invoices;

    ScheduleViews(ObjectMapper json, ScheduledInvoices invoices) {
        this.json = json;
        this.invoices = invoices;
    }

    public ObjectMapper json() {
        return json;
    }

    public ObjectNode view(ScheduleService.Loaded loaded) {
        InvoiceSchedule s = loaded.schedule();
        ObjectNode c = s.content();
        ObjectNode node = json.createObjectNode();
        node.put("_id", s.id());
        node.put("status", s.status().wire());
        node.put("liveMode", s.liveMode());
        node.put("altId", s.locationId());
        node.put("altType", "location");
        node.put("name", s.name());
        node.set("schedule", s.schedule());
        node.set("invoices", invoices.views(s.locationId(), loaded.invoiceIds()));
        node.set("businessDetails", object(c.get("businessDetails")));
        node.put("currency", s.currency());
        node.set("contactDetails", object(c.get("contactDetails")));
        node.set("discount", object(c.get("discount")));
        node.set("items", c.has("items") ? c.get("items") : json.createArrayNode());
        node.put("total", MoneyJson.plain(s.total()));
        node.put("title", text(c, "title"));
        node.put("termsNotes", text(c, "termsNotes"));
        // terms are not templated: the compiled text is the text
        node.put("compiledTermsNotes", text(c, "termsNotes"));
        node.put("createdAt", TIMESTAMP.format(s.createdAt()));
        node.put("updatedAt", TIMESTAMP.format(s.updatedAt()));
        for (String kept : KEPT_ON_UPDATE) {
            if (c.hasNonNull(kept)) {
                node.set(kept, c.get(kept));
            }
        }
        for (String kept : new String[] {"attachments", "miscellaneousCharges"}) {
            if (c.hasNonNull(kept)) {
                node.set(kept, c.get(kept));
            }
        }
        if (s.autoPayment() != null) {
            node.set("autoPayment", s.autoPayment());
        }
        // remit's own: when the next invoice is generated (absent when none is planned)
        if (s.nextRunAt() != null) {
            node.put("nextInvoiceAt", timestamp(s.nextRunAt()));
        }
        return node;
    }

    private JsonNode object(JsonNode value) {
        return value == null || !value.isObject() ? json.createObjectNode() : value;
    }

    private static String text(ObjectNode c, String field) {
        JsonNode value = c.get(field);
        return value != null && value.isString() ? value.asString() : "";
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
