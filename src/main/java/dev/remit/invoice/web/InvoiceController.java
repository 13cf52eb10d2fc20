package dev.remit.invoice.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.remit.api.ApiException;
import dev.remit.api.HighLevelBody;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelPaths;
import dev.remit.api.HighLevelQuery;
import dev.remit.api.IsoDate;
import dev.remit.api.LocationAccess;
import dev.remit.api.NumberString;
import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceLinks;
import dev.remit.invoice.InvoiceRepository;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.invoice.InvoiceTemplates;
import dev.remit.invoice.LateFee;
import dev.remit.invoice.LateFeeLedger;
import dev.remit.invoice.ReminderLog;
import dev.remit.invoice.ReminderSent;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The invoice operations of HighLevel's Invoices API v2 (issue 3); see docs/invoices.md. */
@RestController
public class InvoiceController {

    public record InvoiceList(List<InvoiceResponse> invoices, long total) {
    }

    public record InvoiceNumber(long invoiceNumber) {
    }

    public record SettingsResponse(String altId, String altType, @JsonUnwrapped InvoiceSettings settings) {
        static SettingsResponse of(Location location, InvoiceSettings settings) {
            return new SettingsResponse(location.id(), "location", settings);
        }
    }

    public record PaymentRecorded(boolean success, InvoiceResponse invoice) {
    }

    /**
     * get-invoice's answer: the invoice, remit's addition the late fees applied (docs/late-fees.md), and
     * the reminders configured with those sent (docs/reminders.md).
     */
    public record InvoiceWithFees(@JsonUnwrapped InvoiceResponse invoice, List<AppliedFee> lateFeesApplied,
            JsonNode remindersConfiguration) {
    }

    public record AppliedFee(int number, java.math.BigDecimal amount, String currency, String dueAt, String appliedAt,
            JsonNode lateFeesConfiguration) {
        static AppliedFee of(LateFee fee) {
            return new AppliedFee(fee.number(), fee.amount(), fee.currency(), InvoiceResponse.timestamp(fee.dueAt()),
                    InvoiceResponse.timestamp(fee.appliedAt()), fee.rule());
        }
    }

    private final InvoiceService invoices;
    private final InvoiceSettingsService settings;
    private final InvoiceContents contents;
    private final LocationAccess access;
    private final ObjectMapper json;
    private final InvoiceLinks links;
    private final RequestBinder binder;
    private final LateFeeLedger lateFees;
    private final ReminderLog reminderLog;
    private final List<InvoiceTemplates> templates;

    public InvoiceController(InvoiceService invoices, InvoiceSettingsService settings, InvoiceContents contents,
            LocationAccess access, ObjectMapper json, InvoiceLinks links, RequestBinder binder, LateFeeLedger lateFees,
            ReminderLog reminderLog, List<InvoiceTemplates> templates) {
        this.binder = binder;
        this.reminderLog = reminderLog;
        this.lateFees = lateFees;
        this.templates = List.copyOf(templates);
        this.invoices = invoices;
        this.settings = settings;
        this.contents = contents;
        this.access = access;
        this.json = json;
        this.links = links;
    }

    @PostMapping({"/invoices", "/invoices/"})
    @HighLevelOperation("create-invoice")
    public InvoiceResponse create(Caller caller, @RequestBody @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateInvoice.class)))
            JsonNode raw) {
        // Bound here rather than by @HighLevelBody: remit's templateId extension (docs/templates.md) fills the
        // body from the template before it is validated, once the token is known to cover its altId.
        JsonNode given = raw == null ? null : raw.get("altId");
        String altId = given != null && given.isString() ? given.asString() : null;
        access.requireIfPresent(caller, altId);
        Violations violations = new Violations();
        JsonNode merged = fromTemplate(raw, altId, violations);
        Location named = altId != null && Ids.isValid(altId) ? access.find(altId) : null;
        CreateInvoice body = binder.bind(merged, CreateInvoice.class, violations, named);
        violations.throwIfAny();
        access.require(caller, altId);
        Location location = access.location(altId);
        return InvoiceResponse.of(invoices.create(location.id(),
                contents.fromCreate(body, location, settings.effective(location)), body.invoiceNumber()));
    }

    /** The body with the named template's parts where the body has none of its own; the body unchanged without a templateId. */
    private JsonNode fromTemplate(JsonNode raw, String altId, Violations violations) {
        if (!(raw instanceof ObjectNode object) || !object.has("templateId")) {
            return raw;
        }
        ObjectNode body = object.deepCopy();
        JsonNode templateId = body.remove("templateId");
        if (!templateId.isString() || !Ids.isValid(templateId.asString())) {
            violations.add("templateId", "must be a mongodb id");
            return body;
        }
        if (altId == null || !Ids.isValid(altId)) {
            return body;
        }
        Optional<ObjectNode> start = templates.stream().map(source -> source.createBody(altId, templateId.asString()))
                .flatMap(Optional::stream).findFirst();
        if (start.isEmpty()) {
            violations.add("templateId", "must name a template of this location");
            return body;
        }
        ObjectNode result = start.get();
        body.properties().forEach(part -> result.set(part.getKey(), part.getValue()));
        return result;
    }

    @GetMapping({"/invoices", "/invoices/"})
    @HighLevelOperation("list-invoices")
    public InvoiceList list(@HighLevelQuery ListQuery query, Location location) {
        InvoiceRepository.Page page = invoices.list(location.id(), filter(query),
                NumberString.Check.parse(query.limit()), NumberString.Check.parse(query.offset()));
        return new InvoiceList(page.invoices().stream().map(InvoiceResponse::withSummary).toList(), page.total());
    }

    private static InvoiceRepository.InvoiceFilter filter(ListQuery query) {
        Boolean live = query.paymentMode() == null || query.paymentMode().equals("default") ? null
                : query.paymentMode().equals("live");
        return new InvoiceRepository.InvoiceFilter(query.status(), date(query.startAt()), date(query.endAt()),
                query.search(), live, blankToNull(query.contactId()), "ascend".equals(query.sortOrder()));
    }

    @GetMapping("/invoices/generate-invoice-number")
    @HighLevelOperation("generate-invoice-number")
    public InvoiceNumber generateNumber(Location location) {
        return new InvoiceNumber(invoices.nextNumber(location.id()));
    }

    @GetMapping("/invoices/settings")
    @HighLevelOperation("get-invoice-settings")
    public SettingsResponse getSettings(Location location) {
        return SettingsResponse.of(location, settings.effective(location));
    }

    /** remit's own extension (not in HighLevel's API): changes the location's invoice settings. */
    @PutMapping("/invoices/settings")
    @HighLevelOperation(scopes = Scopes.INVOICES_WRITE)
    public SettingsResponse putSettings(@HighLevelBody UpdateSettings body, Location location) {
        InvoiceSettings saved = settings.update(location, new InvoiceSettings(
                body.businessDetails() == null ? null : json.valueToTree(body.businessDetails()),
                body.senderConfiguration() == null ? null : new InvoiceSettings.SenderConfiguration(
                        body.senderConfiguration().fromName(), body.senderConfiguration().fromEmail()),
                body.invoiceNumberPrefix(), body.dueAfterXDays(), body.termsNote(), body.title(),
                body.paperSize(), body.paymentInstructions(),
                body.reminderSettings() == null ? null : json.valueToTree(body.reminderSettings())), new Violations());
        return SettingsResponse.of(location, saved);
    }

    @PatchMapping("/invoices/stats/last-visited-at")
    @HighLevelOperation("update-invoice-last-visited-at")
    public ResponseEntity<Void> lastVisited(Caller caller, @HighLevelBody LastVisited body) {
        Optional<String> location = caller.locationId() != null ? Optional.of(caller.locationId())
                : invoices.locationOf(body.invoiceId()).filter(id -> access.covers(caller, id));
        if (location.isEmpty() || !invoices.recordVisit(location.get(), body.invoiceId())) {
            throw ApiException.notFound("Invoice not found");
        }
        return ResponseEntity.ok().build();
    }

    @GetMapping(HighLevelPaths.INVOICE)
    @HighLevelOperation("get-invoice")
    public InvoiceWithFees get(@PathVariable String invoiceId, Location location) {
        Invoice invoice = invoices.load(location.id(), invoiceId);
        InvoiceResponse answer = InvoiceResponse.withSummary(invoice);
        // remit's addition (the schema allows more properties): the public page, a draft's being its preview
        answer = invoice.publicToken() == null ? answer : answer.withInvoiceUrl(links.page(invoice.publicToken()));
        List<AppliedFee> fees = lateFees.list(location.id(), invoiceId).stream().map(AppliedFee::of).toList();
        return new InvoiceWithFees(answer, fees.isEmpty() ? null : fees, reminders(invoice, location));
    }

    /**
     * RemindersConfigurationDto: the settings as they were sent (the invoice's own, else the location's),
     * and in reminderExecutionDetailsList (an open object in the spec) remit's record of each reminder sent.
     */
    private JsonNode reminders(Invoice invoice, Location location) {
        JsonNode configured = invoice.content().extras() == null ? null
                : invoice.content().extras().get("remindersConfiguration");
        JsonNode settings = configured == null || configured.isNull() ? this.settings.effective(location).reminderSettings()
                : configured.get("reminderSettings");
        List<ReminderSent> sent = reminderLog.list(invoice.locationId(), invoice.id());
        if ((settings == null || settings.isNull()) && sent.isEmpty()) {
            return null;
        }
        var answer = json.createObjectNode();
        answer.set("reminderSettings", settings != null ? settings
                : json.createObjectNode().put("defaultEmailTemplateId", "").set("reminders", json.createArrayNode()));
        var executions = answer.putObject("reminderExecutionDetailsList").putArray("executions");
        for (ReminderSent reminder : sent) {
            var row = executions.addObject();
            row.put("reminderId", reminder.reminderId());
            row.put("reminderName", reminder.reminderName());
            row.put("reminderNumber", reminder.number());
            row.put("dueAt", InvoiceResponse.timestamp(reminder.dueAt()));
            row.put("sentAt", InvoiceResponse.timestamp(reminder.sentAt()));
            var channels = row.putArray("channels");
            for (String channel : reminder.channels().split(",")) {
                channels.add(channel);
            }
        }
        return answer;
    }

    @PutMapping(HighLevelPaths.INVOICE)
    @HighLevelOperation("update-invoice")
    public InvoiceResponse update(@PathVariable String invoiceId, @HighLevelBody UpdateInvoice body, Location location) {
        // the number is fixed at creation: the aggregate refuses a different one (422)
        return InvoiceResponse.of(invoices.revise(location.id(), invoiceId, body.invoiceNumber(),
                current -> contents.fromUpdate(body, current.content(), location)));
    }

    @DeleteMapping(HighLevelPaths.INVOICE)
    @HighLevelOperation("delete-invoice")
    public InvoiceResponse delete(@PathVariable String invoiceId, Location location) {
        return InvoiceResponse.of(invoices.delete(location.id(), invoiceId));
    }

    @PostMapping(HighLevelPaths.INVOICE + "/void")
    @HighLevelOperation("void-invoice")
    public InvoiceResponse voidInvoice(@PathVariable String invoiceId, @HighLevelBody VoidInvoice body, Location location) {
        return InvoiceResponse.of(invoices.voidInvoice(location.id(), invoiceId));
    }

    @PostMapping(HighLevelPaths.INVOICE + "/record-payment")
    @HighLevelOperation("record-invoice")
    public PaymentRecorded recordPayment(@PathVariable String invoiceId, @HighLevelBody RecordPayment body,
            Location location) {
        Instant fulfilledAt = body.fulfilledAt() == null || body.fulfilledAt().isEmpty() ? null
                : body.fulfilledAt().length() == 10 ? date(body.fulfilledAt()).atStartOfDay(ZoneOffset.UTC).toInstant()
                : OffsetDateTime.parse(body.fulfilledAt()).toInstant();
        Invoice invoice = invoices.recordPayment(location.id(), invoiceId, new InvoiceService.PaymentInput(
                body.amount(), body.mode(), "manual", body.card().brand(), body.card().last4(),
                body.cheque().number(), body.notes(), body.meta(), null, fulfilledAt));
        return new PaymentRecorded(true, InvoiceResponse.of(invoice));
    }

    private static java.time.LocalDate date(String value) {
        return value == null ? null : IsoDate.Dates.parse(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
