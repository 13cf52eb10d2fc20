package dev.remit.invoice.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelPaths;
import dev.remit.api.IsoDate;
import dev.remit.api.LocationAccess;
import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceLinks;
import dev.remit.invoice.InvoiceRepository;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.invoice.InvoiceStatus;
import dev.remit.invoice.InvoiceTemplates;
import dev.remit.invoice.LateFee;
import dev.remit.invoice.LateFeeLedger;
import dev.remit.invoice.web.InvoiceRequests.CreateInvoice;
import dev.remit.invoice.web.InvoiceRequests.LastVisited;
import dev.remit.invoice.web.InvoiceRequests.ListQuery;
import dev.remit.invoice.web.InvoiceRequests.RecordPayment;
import dev.remit.invoice.web.InvoiceRequests.UpdateInvoice;
import dev.remit.invoice.web.InvoiceRequests.UpdateSettings;
import dev.remit.invoice.web.InvoiceRequests.VoidInvoice;
import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The invoice operations of HighLevel's Invoices API v2 (issue 3); see docs/invoices.md. */
@RestController
public class InvoiceController {

    static final int MAX_LIMIT = 100;

    private final InvoiceService invoices;
    private final InvoiceSettingsService settings;
    private final InvoiceMapper mapper;
    private final RequestBinder binder;
    private final LocationAccess access;
    private final ObjectMapper json;
    private final InvoiceLinks links;
    private final LateFeeLedger lateFees;
    private final List<InvoiceTemplates> templates;

    public InvoiceController(InvoiceService invoices, InvoiceSettingsService settings, InvoiceMapper mapper,
            RequestBinder binder, LocationAccess access, ObjectMapper json, InvoiceLinks links, LateFeeLedger lateFees,
            List<InvoiceTemplates> templates) {
        this.lateFees = lateFees;
        this.templates = List.copyOf(templates);
        this.links = links;
        this.invoices = invoices;
        this.settings = settings;
        this.mapper = mapper;
        this.binder = binder;
        this.access = access;
        this.json = json;
    }

    @PostMapping({"/invoices", "/invoices/"})
    @HighLevelOperation("create-invoice")
    public ObjectNode create(Caller caller, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        CreateInvoice request = binder.bind(fromTemplate(body, violations), CreateInvoice.class, violations);
        if (request.altId() == null || !Ids.isValid(request.altId())) {
            violations.throwIfAny();
        }
        Location location = access.location(request.altId());
        InvoiceSettings defaults = settings.effective(location);
        InvoiceContent content = mapper.fromCreate(request, location, defaults, violations);
        return mapper.view(invoices.create(location.id(), content, request.invoiceNumber()), false);
    }

    @GetMapping({"/invoices", "/invoices/"})
    @HighLevelOperation("list-invoices")
    public ObjectNode list(Caller caller, HttpServletRequest http) {
        access.requireIfPresent(caller, http.getParameter("altId"));
        Violations violations = new Violations();
        ListQuery query = binder.bindQuery(http.getParameterMap(), ListQuery.class, violations);
        Integer limit = whole(query.limit(), "limit", 1, MAX_LIMIT, violations);
        Integer offset = whole(query.offset(), "offset", 0, Integer.MAX_VALUE, violations);
        if (query.status() != null && InvoiceStatus.fromWire(query.status()).isEmpty()) {
            violations.add("status", "must be one of the following values: " + String.join(", ", InvoiceStatus.wireValues()));
        }
        LocalDate start = query.startAt() == null ? null : IsoDate.Dates.parse(query.startAt());
        LocalDate end = query.endAt() == null ? null : IsoDate.Dates.parse(query.endAt());
        if (start != null && end != null && end.isBefore(start)) {
            violations.add("endAt", "must not be before startAt");
        }
        violations.throwIfAny();
        Boolean live = query.paymentMode() == null || query.paymentMode().equals("default") ? null
                : query.paymentMode().equals("live");
        InvoiceRepository.Page page = invoices.list(query.altId(), new InvoiceRepository.InvoiceFilter(query.status(),
                start, end, query.search(), live, blankToNull(query.contactId()), "ascend".equals(query.sortOrder())),
                limit, offset);
        ObjectNode answer = json.createObjectNode();
        ArrayNode list = answer.putArray("invoices");
        page.invoices().forEach(invoice -> list.add(mapper.view(invoice, true)));
        answer.put("total", page.total());
        return answer;
    }

    @GetMapping("/invoices/generate-invoice-number")
    @HighLevelOperation("generate-invoice-number")
    public ObjectNode generateNumber(Caller caller, HttpServletRequest http) {
        String locationId = altQuery(caller, http);
        ObjectNode answer = json.createObjectNode();
        answer.put("invoiceNumber", invoices.nextNumber(locationId));
        return answer;
    }

    @GetMapping("/invoices/settings")
    @HighLevelOperation("get-invoice-settings")
    public ObjectNode getSettings(Caller caller, HttpServletRequest http) {
        String locationId = altQuery(caller, http);
        return mapper.settingsView(locationId, settings.effective(access.location(locationId)));
    }

    /** remit's own extension (not in HighLevel's API): changes the location's invoice settings. */
    @PutMapping("/invoices/settings")
    @HighLevelOperation(scopes = Scopes.INVOICES_WRITE)
    public ObjectNode putSettings(Caller caller, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        UpdateSettings request = binder.bind(body, UpdateSettings.class, violations);
        violations.throwIfAny();
        Location location = access.location(request.altId());
        InvoiceSettings saved = settings.update(location, new InvoiceSettings(
                request.businessDetails() == null ? null : json.valueToTree(request.businessDetails()),
                request.senderConfiguration() == null ? null : new InvoiceSettings.SenderConfiguration(
                        request.senderConfiguration().fromName(), request.senderConfiguration().fromEmail()),
                request.invoiceNumberPrefix(), request.dueAfterXDays(), request.termsNote(), request.title(),
                request.paperSize(), request.paymentInstructions()), violations);
        return mapper.settingsView(location.id(), saved);
    }

    @PatchMapping("/invoices/stats/last-visited-at")
    @HighLevelOperation("update-invoice-last-visited-at")
    public ResponseEntity<Void> lastVisited(Caller caller, @RequestBody JsonNode body) {
        Violations violations = new Violations();
        LastVisited request = binder.bind(body, LastVisited.class, violations);
        violations.throwIfAny();
        Optional<String> location = caller.locationId() != null ? Optional.of(caller.locationId())
                : invoices.locationOf(request.invoiceId()).filter(id -> access.covers(caller, id));
        if (location.isEmpty() || !invoices.recordVisit(location.get(), request.invoiceId())) {
            throw dev.remit.api.ApiException.notFound("Invoice not found");
        }
        return ResponseEntity.ok().build();
    }

    @GetMapping(HighLevelPaths.INVOICE)
    @HighLevelOperation("get-invoice")
    public ObjectNode get(Caller caller, @PathVariable String invoiceId, HttpServletRequest http) {
        String locationId = altQuery(caller, http);
        Invoice invoice = invoices.load(locationId, invoiceId);
        ObjectNode view = mapper.view(invoice, true);
        // remit's addition (the schema allows more properties): the public page, a draft's being its preview
        if (invoice.publicToken() != null) {
            view.put("invoiceUrl", links.page(invoice.publicToken()));
        }
        // remit's addition: each late fee applied (docs/late-fees.md)
        List<LateFee> fees = lateFees.list(locationId, invoiceId);
        if (!fees.isEmpty()) {
            view.set("lateFeesApplied", mapper.lateFees(fees));
        }
        return view;
    }

    @PutMapping(HighLevelPaths.INVOICE)
    @HighLevelOperation("update-invoice")
    public ObjectNode update(Caller caller, @PathVariable String invoiceId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        UpdateInvoice request = binder.bind(body, UpdateInvoice.class, violations);
        if (request.altId() == null || !Ids.isValid(request.altId())) {
            violations.throwIfAny();
        }
        Location location = access.location(request.altId());
        Invoice existing = invoices.load(location.id(), invoiceId);
        if (request.invoiceNumber() != null) {
            // the number is fixed at creation; a different one is refused rather than silently ignored
            if (!request.invoiceNumber().equals(existing.invoiceNumber())) {
                violations.add("invoiceNumber", "cannot be changed once the invoice exists");
            }
        }
        Invoice updated = invoices.revise(location.id(), invoiceId, current -> {
            Violations again = new Violations();
            violations.messages().forEach(again::addMessage);
            return mapper.fromUpdate(request, current.content(), location, again);
        });
        return mapper.view(updated, false);
    }

    @DeleteMapping(HighLevelPaths.INVOICE)
    @HighLevelOperation("delete-invoice")
    public ObjectNode delete(Caller caller, @PathVariable String invoiceId, HttpServletRequest http) {
        String locationId = altQuery(caller, http);
        return mapper.view(invoices.delete(locationId, invoiceId), false);
    }

    @PostMapping(HighLevelPaths.INVOICE + "/void")
    @HighLevelOperation("void-invoice")
    public ObjectNode voidInvoice(Caller caller, @PathVariable String invoiceId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        VoidInvoice request = binder.bind(body, VoidInvoice.class, violations);
        violations.throwIfAny();
        access.require(caller, request.altId());
        return mapper.view(invoices.voidInvoice(request.altId(), invoiceId), false);
    }

    @PostMapping(HighLevelPaths.INVOICE + "/record-payment")
    @HighLevelOperation("record-invoice")
    public ObjectNode recordPayment(Caller caller, @PathVariable String invoiceId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        RecordPayment request = binder.bind(body, RecordPayment.class, violations);
        Instant fulfilledAt = null;
        if (request.fulfilledAt() != null && !request.fulfilledAt().isEmpty()
                && IsoDate.Dates.parse(request.fulfilledAt()) != null) {
            fulfilledAt = request.fulfilledAt().length() == 10
                    ? IsoDate.Dates.parse(request.fulfilledAt()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(request.fulfilledAt()).toInstant();
        }
        violations.throwIfAny();
        access.require(caller, request.altId());
        Invoice invoice = invoices.recordPayment(request.altId(), invoiceId, new InvoiceService.PaymentInput(
                request.amount(), request.mode(), "manual", request.card().brand(), request.card().last4(),
                request.cheque().number(), request.notes(), request.meta(), null, fulfilledAt));
        ObjectNode answer = json.createObjectNode();
        answer.put("success", true);
        answer.set("invoice", mapper.view(invoice, false));
        return answer;
    }

    /**
     * remit's extension (docs/templates.md): a {@code templateId} on create-invoice starts the body from
     * that template of the location; whatever the body says itself wins.
     */
    private JsonNode fromTemplate(JsonNode body, Violations violations) {
        if (!(body instanceof ObjectNode object) || !object.has("templateId")) {
            return body;
        }
        ObjectNode merged = object.deepCopy();
        JsonNode templateId = merged.remove("templateId");
        String altId = text(body, "altId");
        if (!templateId.isString() || !Ids.isValid(templateId.asString())) {
            violations.add("templateId", "must be a mongodb id");
            return merged;
        }
        if (altId == null || !Ids.isValid(altId)) {
            return merged;
        }
        java.util.Optional<ObjectNode> start = templates.stream()
                .map(source -> source.createBody(altId, templateId.asString()))
                .flatMap(java.util.Optional::stream).findFirst();
        if (start.isEmpty()) {
            violations.add("templateId", "must name a template of this location");
            return merged;
        }
        ObjectNode result = start.get();
        merged.properties().forEach(part -> result.set(part.getKey(), part.getValue()));
        return result;
    }

    /** altId/altType from the query: 403 for a location the token does not cover, 422 when missing or malformed. */
    private String altQuery(Caller caller, HttpServletRequest http) {
        return access.locationOfQuery(caller, http.getParameterMap());
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
