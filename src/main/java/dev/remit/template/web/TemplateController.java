package dev.remit.template.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.HighLevelOperation;
import dev.remit.api.IsoDate;
import dev.remit.api.LocationAccess;
import dev.remit.api.MoneyJson;
import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.invoice.web.InvoiceMapper;
import dev.remit.invoice.web.InvoiceRequests.DiscountBody;
import dev.remit.invoice.web.InvoiceRequests.ProcessingFee;
import dev.remit.latefee.LateFeeRules;
import dev.remit.template.InvoiceTemplate;
import dev.remit.template.TemplateRepository;
import dev.remit.template.TemplateService;
import dev.remit.template.web.TemplateRequests.CreateTemplate;
import dev.remit.template.web.TemplateRequests.ListQuery;
import dev.remit.template.web.TemplateRequests.UpdateLateFees;
import dev.remit.template.web.TemplateRequests.UpdatePaymentMethods;
import dev.remit.template.web.TemplateRequests.UpdateTemplate;
import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The seven invoice-template operations of HighLevel's Invoices API v2 (docs/templates.md). */
@RestController
class TemplateController {

    static final int MAX_LIMIT = 100;
    static final String TEMPLATE = "/invoices/template/{templateId}";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final TemplateService templates;
    private final InvoiceMapper invoiceMapper;
    private final RequestBinder binder;
    private final LocationAccess access;
    private final ObjectMapper json;

    TemplateController(TemplateService templates, InvoiceMapper invoiceMapper, RequestBinder binder,
            LocationAccess access, ObjectMapper json) {
        this.templates = templates;
        this.invoiceMapper = invoiceMapper;
        this.binder = binder;
        this.access = access;
        this.json = json;
    }

    @PostMapping({"/invoices/template", "/invoices/template/"})
    @HighLevelOperation("create-invoice-template")
    public ObjectNode create(Caller caller, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        CreateTemplate request = binder.bind(body, CreateTemplate.class, violations);
        if (request.altId() == null || !Ids.isValid(request.altId())) {
            violations.throwIfAny();
        }
        Location location = access.location(request.altId());
        LateFeeRules.check(request.lateFeesConfiguration(), "lateFeesConfiguration", violations);
        InvoiceMapper.Figures figures = invoiceMapper.figures(request.currency(), request.items(), request.discount(),
                request.miscellaneousCharges(), request.businessDetails(), location, violations);
        violations.throwIfAny();
        ObjectNode document = json.createObjectNode();
        put(document, "internal", request.internal());
        put(document, "businessDetails", request.businessDetails());
        put(document, "items", figures.items());
        put(document, "automaticTaxesEnabled", request.automaticTaxesEnabled());
        put(document, "discount", figures.discount());
        put(document, "termsNotes", request.termsNotes());
        put(document, "tipsConfiguration", request.tipsConfiguration());
        put(document, "lateFeesConfiguration", request.lateFeesConfiguration());
        put(document, "invoiceNumberPrefix", request.invoiceNumberPrefix());
        put(document, "paymentMethods", request.paymentMethods());
        put(document, "attachments", request.attachments());
        put(document, "miscellaneousCharges", request.miscellaneousCharges());
        return view(templates.create(location.id(), new TemplateService.Content(document, request.name(), request.title(),
                request.currency(), figures.totals().total())));
    }

    @GetMapping({"/invoices/template", "/invoices/template/"})
    @HighLevelOperation("list-invoice-templates")
    public ObjectNode list(Caller caller, HttpServletRequest http) {
        access.requireIfPresent(caller, http.getParameter("altId"));
        Violations violations = new Violations();
        ListQuery query = binder.bindQuery(http.getParameterMap(), ListQuery.class, violations);
        Integer limit = whole(query.limit(), "limit", 1, MAX_LIMIT, violations);
        Integer offset = whole(query.offset(), "offset", 0, Integer.MAX_VALUE, violations);
        LocalDate start = query.startAt() == null ? null : IsoDate.Dates.parse(query.startAt());
        LocalDate end = query.endAt() == null ? null : IsoDate.Dates.parse(query.endAt());
        if (start != null && end != null && end.isBefore(start)) {
            violations.add("endAt", "must not be before startAt");
        }
        violations.throwIfAny();
        Location location = access.location(query.altId());
        ZoneId zone = zone(location);
        Instant from = start == null ? null : start.atStartOfDay(zone).toInstant();
        Instant until = end == null ? null : end.plusDays(1).atStartOfDay(zone).toInstant();
        TemplateRepository.Page page = templates.list(location.id(), from, until, query.search(), limit, offset);
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("data");
        page.templates().forEach(template -> data.add(view(template)));
        answer.put("totalCount", page.total());
        return answer;
    }

    @GetMapping(TEMPLATE)
    @HighLevelOperation("get-invoice-template")
    public ObjectNode get(Caller caller, @PathVariable String templateId, HttpServletRequest http) {
        String locationId = access.locationOfQuery(caller, http.getParameterMap());
        return view(templates.load(locationId, templateId));
    }

    @PutMapping(TEMPLATE)
    @HighLevelOperation("update-invoice-template")
    public ObjectNode update(Caller caller, @PathVariable String templateId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        UpdateTemplate request = binder.bind(body, UpdateTemplate.class, violations);
        if (request.altId() == null || !Ids.isValid(request.altId())) {
            violations.throwIfAny();
        }
        Location location = access.location(request.altId());
        violations.throwIfAny();
        return view(templates.change(location.id(), templateId, current -> {
            ObjectNode document = current.document();
            // a discount or charges left out stay as stored, and are checked against the new items
            DiscountBody discount = request.discount() != null ? request.discount()
                    : document.hasNonNull("discount") ? json.treeToValue(document.get("discount"), DiscountBody.class) : null;
            ProcessingFee charges = request.miscellaneousCharges() != null ? request.miscellaneousCharges()
                    : document.hasNonNull("miscellaneousCharges")
                            ? json.treeToValue(document.get("miscellaneousCharges"), ProcessingFee.class) : null;
            Violations checks = new Violations();
            InvoiceMapper.Figures figures = invoiceMapper.figures(request.currency(), request.items(), discount, charges,
                    request.businessDetails(), location, checks);
            checks.throwIfAny();
            put(document, "internal", request.internal());
            put(document, "businessDetails", request.businessDetails());
            put(document, "items", figures.items());
            put(document, "discount", figures.discount());
            put(document, "termsNotes", request.termsNotes());
            put(document, "miscellaneousCharges", charges);
            return new TemplateService.Content(document, request.name(),
                    request.title() == null ? current.title() : request.title(), request.currency(),
                    figures.totals().total());
        }));
    }

    @DeleteMapping(TEMPLATE)
    @HighLevelOperation("delete-invoice-template")
    public ObjectNode delete(Caller caller, @PathVariable String templateId, HttpServletRequest http) {
        String locationId = access.locationOfQuery(caller, http.getParameterMap());
        templates.delete(locationId, templateId);
        ObjectNode answer = json.createObjectNode();
        answer.put("success", true);
        return answer;
    }

    @PatchMapping(TEMPLATE + "/late-fees-configuration")
    @HighLevelOperation("update-invoice-template-late-fees-configuration")
    public ObjectNode lateFees(Caller caller, @PathVariable String templateId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        UpdateLateFees request = binder.bind(body, UpdateLateFees.class, violations);
        LateFeeRules.check(request.lateFeesConfiguration(), "lateFeesConfiguration", violations);
        violations.throwIfAny();
        access.require(caller, request.altId());
        return view(templates.change(request.altId(), templateId, current -> {
            current.document().set("lateFeesConfiguration", json.valueToTree(request.lateFeesConfiguration()));
            return current;
        }));
    }

    @PatchMapping(TEMPLATE + "/payment-methods-configuration")
    @HighLevelOperation("update-invoice-payment-methods-configuration")
    public ObjectNode paymentMethods(Caller caller, @PathVariable String templateId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        UpdatePaymentMethods request = binder.bind(body, UpdatePaymentMethods.class, violations);
        violations.throwIfAny();
        access.require(caller, request.altId());
        return view(templates.change(request.altId(), templateId, current -> {
            if (request.paymentMethods() == null) {
                current.document().remove("paymentMethods");
            } else {
                current.document().set("paymentMethods", json.valueToTree(request.paymentMethods()));
            }
            return current;
        }));
    }

    /** A template as HighLevel's template responses describe it, with every part it holds. */
    ObjectNode view(InvoiceTemplate template) {
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
        node.put("createdAt", TIMESTAMP.format(template.createdAt()));
        node.put("updatedAt", TIMESTAMP.format(template.updatedAt()));
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

    private static Integer whole(String text, String name, int min, int max, Violations violations) {
        if (text == null) {
            return null;
        }
        if (!text.matches("[0-9]{1,9}")) {
            violations.add(name, "must be a number string");
            return null;
        }
        int value = Integer.parseInt(text);
        if (value < min) {
            violations.add(name, "must not be less than " + min);
        } else if (value > max) {
            violations.add(name, "must not be greater than " + max);
        }
        return value;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
