package dev.remit.estimate.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

import dev.remit.api.MoneyJson;
import dev.remit.estimate.Estimate;
import dev.remit.estimate.EstimateAction;
import dev.remit.estimate.EstimateContent;
import dev.remit.estimate.EstimateService;
import dev.remit.invoice.LineItem;
import dev.remit.invoice.Totals;
import dev.remit.invoice.web.InvoiceResponse;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An estimate as the estimate operations answer it (EstimateResponseDto, docs/estimates.md): the spec's
 * properties, what the estimate keeps of the request, and remit's additions ({@code estimateStatus},
 * {@code expired}, {@code expiresAt}, the acceptance, {@code invoiceId}, {@code totalSummary}). Dates are
 * written as HighLevel writes an estimate's, midnight UTC of the day; absent values are left out. Part of
 * the module's {@code web} interface: send-estimate answers with it.
 */
@Component
@NamedInterface("web")
public class EstimateViews {

    private final ObjectMapper json;
    private final TenancyRepository tenancy;
    private final EstimateService estimates;
    private final Clock clock;

    EstimateViews(ObjectMapper json, TenancyRepository tenancy, EstimateService estimates, Clock clock) {
        this.json = json;
        this.tenancy = tenancy;
        this.estimates = estimates;
        this.clock = clock;
    }

    public ObjectNode of(Estimate estimate) {
        Location location = tenancy.findLocation(estimate.locationId()).orElse(null);
        ZoneId zone = estimates.zone(estimate.locationId());
        EstimateContent c = estimate.content();
        Totals totals = estimate.totals();
        ObjectNode node = json.createObjectNode();
        node.put("_id", estimate.id());
        node.put("altId", estimate.locationId());
        node.put("altType", "location");
        node.put("companyId", location == null ? "" : location.companyId());
        node.put("liveMode", c.liveMode());
        node.put("deleted", false);
        node.put("name", c.name());
        node.put("currency", c.currency());
        node.set("businessDetails", orEmpty(c.businessDetails()));
        node.set("items", items(c));
        node.set("discount", json.valueToTree(c.discount()));
        put(node, "title", c.title());
        number(node, estimate.estimateNumber());
        put(node, "estimateNumberPrefix", c.estimateNumberPrefix());
        putNode(node, "attachments", c.extras() == null ? null : c.extras().get("attachments"));
        node.put("total", MoneyJson.plain(totals.total()));
        node.put("totalamountInUSD", "USD".equals(c.currency()) ? MoneyJson.plain(totals.total()) : BigDecimal.ZERO);
        node.put("createdAt", InvoiceResponse.timestamp(estimate.createdAt()));
        node.put("updatedAt", InvoiceResponse.timestamp(estimate.updatedAt()));
        node.put("__v", estimate.version());
        node.put("automaticTaxesEnabled", c.automaticTaxesEnabled());
        node.put("automaticTaxesCalculated", false);
        put(node, "termsNotes", c.termsNotes());
        node.set("contactDetails", orEmpty(c.contactDetails()));
        node.put("issueDate", day(c.issueDate()));
        node.put("expiryDate", day(c.expiryDate()));
        JsonNode meta = c.extras() == null ? null : c.extras().get("meta");
        node.set("meta", meta != null && meta.isObject() ? meta : json.createObjectNode());
        ArrayNode history = node.putArray("estimateActionHistory");
        for (EstimateAction action : estimate.history()) {
            ObjectNode entry = history.addObject();
            entry.put("action", action.action());
            entry.put("actor", action.actor());
            put(entry, "actorId", action.actorId());
            put(entry, "actorName", action.actorName());
            put(entry, "note", action.note());
            entry.put("createdAt", InvoiceResponse.timestamp(action.at()));
        }
        if (c.sentTo() != null) {
            node.set("sentTo", c.sentTo());
        } else {
            node.putObject("sentTo").putArray("email");
        }
        if (c.frequencySettings() != null) {
            node.set("frequencySettings", c.frequencySettings());
        } else {
            node.putObject("frequencySettings").put("enabled", false);
        }
        put(node, "lastVisitedAt", InvoiceResponse.timestamp(estimate.lastVisitedAt()));
        node.set("autoInvoice", json.valueToTree(c.autoInvoice()));
        putNode(node, "paymentScheduleConfig", c.paymentScheduleConfig());
        putNode(node, "miscellaneousCharges", c.miscellaneousCharges());
        putNode(node, "sendEstimateDetails", c.extras() == null ? null : c.extras().get("sendEstimateDetails"));
        put(node, "sentBy", c.extras() == null || !c.extras().path("userId").isString() ? null
                : c.extras().path("userId").asString());
        put(node, "sentAt", InvoiceResponse.timestamp(estimate.sentAt()));
        node.put("traceId", UUID.randomUUID().toString());
        // remit's additions (docs/estimates.md)
        node.put("estimateStatus", estimate.status().wire());
        node.put("expired", estimate.isExpired(clock.instant(), zone));
        node.put("expiresAt", InvoiceResponse.timestamp(estimate.expiresAt(zone)));
        put(node, "expiredAt", InvoiceResponse.timestamp(estimate.expiredAt()));
        put(node, "acceptedAt", InvoiceResponse.timestamp(estimate.acceptedAt()));
        put(node, "acceptedBy", estimate.acceptedName());
        put(node, "declinedAt", InvoiceResponse.timestamp(estimate.declinedAt()));
        put(node, "declineReason", estimate.declineReason());
        put(node, "invoiceId", estimate.invoiceId());
        put(node, "invoicedAt", InvoiceResponse.timestamp(estimate.invoicedAt()));
        node.put("visitCount", estimate.visitCount());
        ObjectNode summary = node.putObject("totalSummary");
        summary.put("subTotal", MoneyJson.plain(totals.subTotal()));
        summary.put("discount", MoneyJson.plain(totals.discount()));
        summary.put("tax", MoneyJson.plain(totals.tax()));
        return node;
    }

    /** The lines as an invoice's, each with the attachments it was sent with. */
    private ArrayNode items(EstimateContent c) {
        ArrayNode items = json.createArrayNode();
        JsonNode attachments = c.extras() == null ? null : c.extras().get("itemAttachments");
        int i = 0;
        for (LineItem line : c.items()) {
            ObjectNode item = json.valueToTree(line);
            JsonNode files = attachments == null ? null : attachments.get(i);
            if (files != null && !files.isNull()) {
                item.set("attachments", files);
            }
            items.add(item);
            i++;
        }
        return items;
    }

    /** estimateNumber as the spec types it (a number), or as text for a number that is not one. */
    static void number(ObjectNode node, String number) {
        if (number.matches("[0-9]{1,18}")) {
            node.put("estimateNumber", Long.parseLong(number));
        } else {
            node.put("estimateNumber", number);
        }
    }

    /** A day as HighLevel writes an estimate's dates: midnight UTC, {@code 2026-01-10T00:00:00.000Z}. */
    static String day(LocalDate date) {
        return date == null ? null : InvoiceResponse.timestamp(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private JsonNode orEmpty(JsonNode value) {
        return value == null || value.isNull() ? json.createObjectNode() : value;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putNode(ObjectNode node, String field, JsonNode value) {
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            node.set(field, value);
        }
    }
}
