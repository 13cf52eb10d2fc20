package dev.remit.template.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.HighLevelBody;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelQuery;
import dev.remit.api.IsoDate;
import dev.remit.api.MoneyJson;
import dev.remit.api.NumberString;
import dev.remit.invoice.web.InvoiceContents;
import dev.remit.invoice.web.InvoiceRequests.DiscountBody;
import dev.remit.invoice.web.InvoiceRequests.ProcessingFee;
import dev.remit.invoice.web.InvoiceResponse;
import dev.remit.template.InvoiceTemplate;
import dev.remit.template.TemplateRepository;
import dev.remit.template.TemplateService;
import dev.remit.template.web.TemplateRequests.CreateTemplate;
import dev.remit.template.web.TemplateRequests.ListQuery;
import dev.remit.template.web.TemplateRequests.UpdateLateFees;
import dev.remit.template.web.TemplateRequests.UpdatePaymentMethods;
import dev.remit.template.web.TemplateRequests.UpdateTemplate;
import dev.remit.tenancy.Location;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The seven invoice-template operations of HighLevel's Invoices API v2 (docs/templates.md). */
@RestController
class TemplateController {

    static final String TEMPLATE = "/invoices/template/{templateId}";

    private final TemplateService templates;
    private final ObjectMapper json;

    TemplateController(TemplateService templates, ObjectMapper json) {
        this.templates = templates;
        this.json = json;
    }

    @PostMapping({"/invoices/template", "/invoices/template/"})
    @HighLevelOperation("create-invoice-template")
    public ObjectNode create(@HighLevelBody CreateTemplate body, Location location) {
        InvoiceContents.Figures figures = InvoiceContents.figures(body.currency(), body.items(), body.discount(),
                body.miscellaneousCharges());
        ObjectNode document = json.createObjectNode();
        put(document, "internal", body.internal());
        put(document, "businessDetails", body.businessDetails());
        put(document, "items", figures.items());
        put(document, "automaticTaxesEnabled", body.automaticTaxesEnabled());
        put(document, "discount", figures.discount());
        put(document, "termsNotes", body.termsNotes());
        put(document, "tipsConfiguration", body.tipsConfiguration());
        put(document, "lateFeesConfiguration", body.lateFeesConfiguration());
        put(document, "invoiceNumberPrefix", body.invoiceNumberPrefix());
        put(document, "paymentMethods", body.paymentMethods());
        put(document, "attachments", body.attachments());
        put(document, "miscellaneousCharges", body.miscellaneousCharges());
        put(document, "remindersConfiguration", body.remindersConfiguration());
        return view(templates.create(location.id(), new TemplateService.Content(document, body.name(), body.title(),
                body.currency(), figures.totals().total())));
    }

    @GetMapping({"/invoices/template", "/invoices/template/"})
    @HighLevelOperation("list-invoice-templates")
    public ObjectNode list(@HighLevelQuery ListQuery query, Location location) {
        ZoneId zone = zone(location);
        LocalDate start = query.startAt() == null ? null : IsoDate.Dates.parse(query.startAt());
        LocalDate end = query.endAt() == null ? null : IsoDate.Dates.parse(query.endAt());
        Instant from = start == null ? null : start.atStartOfDay(zone).toInstant();
        Instant until = end == null ? null : end.plusDays(1).atStartOfDay(zone).toInstant();
        TemplateRepository.Page page = templates.list(location.id(), from, until, query.search(),
                NumberString.Check.parse(query.limit()), NumberString.Check.parse(query.offset()));
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("data");
        page.templates().forEach(template -> data.add(view(template)));
        answer.put("totalCount", page.total());
        return answer;
    }

    @GetMapping(TEMPLATE)
    @HighLevelOperation("get-invoice-template")
    public ObjectNode get(@PathVariable String templateId, Location location) {
        return view(templates.load(location.id(), templateId));
    }

    @PutMapping(TEMPLATE)
    @HighLevelOperation("update-invoice-template")
    public ObjectNode update(@PathVariable String templateId, @HighLevelBody UpdateTemplate body, Location location) {
        return view(templates.change(location.id(), templateId, current -> {
            ObjectNode document = current.document();
            // a discount or charges left out stay as stored, and must still fit the new items
            DiscountBody discount = body.discount() != null ? body.discount()
                    : document.hasNonNull("discount") ? json.treeToValue(document.get("discount"), DiscountBody.class) : null;
            ProcessingFee charges = body.miscellaneousCharges() != null ? body.miscellaneousCharges()
                    : document.hasNonNull("miscellaneousCharges")
                            ? json.treeToValue(document.get("miscellaneousCharges"), ProcessingFee.class) : null;
            InvoiceContents.Figures figures = InvoiceContents.figures(body.currency(), body.items(), discount, charges);
            put(document, "internal", body.internal());
            put(document, "businessDetails", body.businessDetails());
            put(document, "items", figures.items());
            put(document, "discount", figures.discount());
            put(document, "termsNotes", body.termsNotes());
            put(document, "miscellaneousCharges", charges);
            put(document, "remindersConfiguration", body.remindersConfiguration());
            return new TemplateService.Content(document, body.name(), body.title() == null ? current.title() : body.title(),
                    body.currency(), figures.totals().total());
        }));
    }

    @DeleteMapping(TEMPLATE)
    @HighLevelOperation("delete-invoice-template")
    public ObjectNode delete(@PathVariable String templateId, Location location) {
        templates.delete(location.id(), templateId);
        return json.createObjectNode().put("success", true);
    }

    @PatchMapping(TEMPLATE + "/late-fees-configuration")
    @HighLevelOperation("update-invoice-template-late-fees-configuration")
    public ObjectNode lateFees(@PathVariable String templateId, @HighLevelBody UpdateLateFees body, Location location) {
        return view(templates.change(location.id(), templateId, current -> {
            current.document().set("lateFeesConfiguration", json.valueToTree(body.lateFeesConfiguration()));
            return current;
        }));
    }

    @PatchMapping(TEMPLATE + "/payment-methods-configuration")
    @HighLevelOperation("update-invoice-payment-methods-configuration")
    public ObjectNode paymentMethods(@PathVariable String templateId, @HighLevelBody UpdatePaymentMethods body,
            Location location) {
        return view(templates.change(location.id(), templateId, current -> {
            if (body.paymentMethods() == null) {
                current.document().remove("paymentMethods");
            } else {
                current.document().set("paymentMethods", json.valueToTree(body.paymentMethods()));
            }
            return current;
        }));
    }

    /** A template as HighLevel's template responses describe it, with every part it holds. */
    private ObjectNode view(InvoiceTemplate template) {
        ObjectNode node = json.createObjectNode();
        node.put("_id", template.id());
        node.put("altId", template.locationId());
        node.put("altType", "location");
        node.put("name", template.name());
        if (template.title() != null) {
            node.put("title", template.title());
        }
        node.put("currency", template.currency());
        template.document().properties().forEach(part -> node.set(part.getKey(), part.getValue()));
        if (!node.has("discount")) {
            node.set("discount", json.createObjectNode().put("type", "percentage").put("value", 0));
        }
        node.put("total", MoneyJson.plain(template.total()));
        node.put("createdAt", InvoiceResponse.timestamp(template.createdAt()));
        node.put("updatedAt", InvoiceResponse.timestamp(template.updatedAt()));
        return node;
    }

    private void put(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.set(field, json.valueToTree(value));
        }
    }

    private static ZoneId zone(Location location) {
        try {
            return ZoneId.of(location.timeZone());
        } catch (RuntimeException unknown) {
            return ZoneOffset.UTC;
        }
    }
}
