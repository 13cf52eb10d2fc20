package dev.remit.schedule.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.HighLevelOperation;
import dev.remit.api.IsoDate;
import dev.remit.api.LocationAccess;
import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.invoice.InvoiceContent;
import dev.remit.payment.AutoPayments;
import dev.remit.schedule.ScheduleOptions;
import dev.remit.schedule.ScheduleService;
import dev.remit.schedule.ScheduleStatus;
import dev.remit.schedule.ScheduledInvoices;
import dev.remit.schedule.web.ScheduleRequests.AutoPaymentSchedule;
import dev.remit.schedule.web.ScheduleRequests.CancelSchedule;
import dev.remit.schedule.web.ScheduleRequests.CreateSchedule;
import dev.remit.schedule.web.ScheduleRequests.ListQuery;
import dev.remit.schedule.web.ScheduleRequests.ScheduleSchedule;
import dev.remit.schedule.web.ScheduleRequests.UpdateSchedule;
import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The nine invoice-schedule operations of HighLevel's Invoices API v2 (issue 13); see docs/schedules.md. */
@RestController
public class ScheduleController {

    static final int MAX_LIMIT = 100;
    static final String SCHEDULE = "/invoices/schedule/{scheduleId}";
    /** Properties of a schedule body that are not the invoice's content. */
    static final List<String> NOT_CONTENT = List.of("altId", "altType", "schedule", "liveMode");
    /** Content properties the update body does not carry: kept from the stored content. */
    static final List<String> KEPT_ON_UPDATE = List.of("automaticTaxesEnabled", "tipsConfiguration",
            "lateFeesConfiguration", "invoiceNumberPrefix", "paymentMethods");

    private final ScheduleService schedules;
    private final ScheduledInvoices invoices;
    private final ScheduleViews views;
    private final RequestBinder binder;
    private final LocationAccess access;
    private final AutoPayments autoPayments;
    private final java.time.Clock clock;

    ScheduleController(ScheduleService schedules, ScheduledInvoices invoices, ScheduleViews views, RequestBinder binder,
            LocationAccess access, AutoPayments autoPayments, java.time.Clock clock) {
        this.schedules = schedules;
        this.invoices = invoices;
        this.views = views;
        this.binder = binder;
        this.access = access;
        this.autoPayments = autoPayments;
        this.clock = clock;
    }

    @PostMapping({"/invoices/schedule", "/invoices/schedule/"})
    @HighLevelOperation("create-invoice-schedule")
    public ObjectNode create(Caller caller, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        CreateSchedule request = binder.bind(body, CreateSchedule.class, violations);
        Location location = locationOrThrow(request.altId(), violations);
        ScheduleService.Revision revision = revision(location, body, request.schedule(), request.liveMode(), null,
                violations);
        return views.view(schedules.create(location, revision));
    }

    @GetMapping({"/invoices/schedule", "/invoices/schedule/"})
    @HighLevelOperation("list-invoice-schedules")
    public ObjectNode list(Caller caller, HttpServletRequest http) {
        access.requireIfPresent(caller, http.getParameter("altId"));
        Violations violations = new Violations();
        ListQuery query = binder.bindQuery(http.getParameterMap(), ListQuery.class, violations);
        Integer limit = whole(query.limit(), "limit", 1, MAX_LIMIT, violations);
        Integer offset = whole(query.offset(), "offset", 0, Integer.MAX_VALUE, violations);
        if (query.status() != null && ScheduleStatus.fromWire(query.status()).isEmpty()) {
            violations.add("status", "must be one of the following values: "
                    + String.join(", ", ScheduleStatus.wireValues()));
        }
        LocalDate start = query.startAt() == null ? null : IsoDate.Dates.parse(query.startAt());
        LocalDate end = query.endAt() == null ? null : IsoDate.Dates.parse(query.endAt());
        if (start != null && end != null && end.isBefore(start)) {
            violations.add("endAt", "must not be before startAt");
        }
        violations.throwIfAny();
        access.require(caller, query.altId());
        Boolean live = query.paymentMode() == null || query.paymentMode().equals("default") ? null
                : query.paymentMode().equals("live");
        ScheduleService.Page page = schedules.list(query.altId(), query.status(), start, end, query.search(), live,
                limit, offset);
        ObjectNode answer = views.json().createObjectNode();
        ArrayNode list = answer.putArray("schedules");
        page.schedules().forEach(s -> list.add(views.view(s)));
        answer.put("total", page.total());
        return answer;
    }

    @GetMapping(SCHEDULE)
    @HighLevelOperation("get-invoice-schedule")
    public ObjectNode get(Caller caller, @PathVariable String scheduleId, HttpServletRequest http) {
        String locationId = access.locationOfQuery(caller, http.getParameterMap());
        return views.view(schedules.get(locationId, scheduleId));
    }

    @PutMapping(SCHEDULE)
    @HighLevelOperation("update-invoice-schedule")
    public ObjectNode update(Caller caller, @PathVariable String scheduleId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        UpdateSchedule request = binder.bind(body, UpdateSchedule.class, violations);
        Location location = locationOrThrow(request.altId(), violations);
        ObjectNode stored = schedules.find(location.id(), scheduleId).content();
        ScheduleService.Revision revision = revision(location, body, request.schedule(), request.liveMode(), stored,
                violations);
        return views.view(schedules.update(location, scheduleId, revision));
    }

    @DeleteMapping(SCHEDULE)
    @HighLevelOperation("delete-invoice-schedule")
    public ObjectNode delete(Caller caller, @PathVariable String scheduleId, HttpServletRequest http) {
        String locationId = access.locationOfQuery(caller, http.getParameterMap());
        schedules.delete(access.location(locationId), scheduleId);
        ObjectNode answer = views.json().createObjectNode();
        answer.put("success", true);
        return answer;
    }

    /**
     * The spec gives this operation no body. remit takes the update body (UpdateInvoiceScheduleDto)
     * when one is sent, and otherwise schedules the stored schedule of {@code ?altId=...&altType=location}.
     */
    @PostMapping(SCHEDULE + "/updateAndSchedule")
    @HighLevelOperation("update-and-schedule-invoice-schedule")
    public ObjectNode updateAndSchedule(Caller caller, @PathVariable String scheduleId,
            @RequestBody(required = false) JsonNode body, HttpServletRequest http) {
        if (body == null || body.isNull() || (body.isObject() && body.isEmpty() && http.getParameter("altId") != null)) {
            String locationId = access.locationOfQuery(caller, http.getParameterMap());
            Location location = access.location(locationId);
            return views.view(schedules.schedule(location, scheduleId,
                    schedules.find(locationId, scheduleId).liveMode(), null));
        }
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        UpdateSchedule request = binder.bind(body, UpdateSchedule.class, violations);
        Location location = locationOrThrow(request.altId(), violations);
        ObjectNode stored = schedules.find(location.id(), scheduleId).content();
        ScheduleService.Revision revision = revision(location, body, request.schedule(), request.liveMode(), stored,
                violations);
        return views.view(schedules.updateAndSchedule(location, scheduleId, revision));
    }

    @PostMapping(SCHEDULE + "/schedule")
    @HighLevelOperation("schedule-invoice-schedule")
    public ObjectNode schedule(Caller caller, @PathVariable String scheduleId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        ScheduleSchedule request = binder.bind(body, ScheduleSchedule.class, violations);
        JsonNode autoPayment = autoPayment(body, violations);
        Location location = locationOrThrow(request.altId(), violations);
        return views.view(schedules.schedule(location, scheduleId, request.liveMode(), autoPayment));
    }

    @PostMapping(SCHEDULE + "/auto-payment")
    @HighLevelOperation("auto-payment-invoice-schedule")
    public ObjectNode autoPayment(Caller caller, @PathVariable String scheduleId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        AutoPaymentSchedule request = binder.bind(body, AutoPaymentSchedule.class, violations);
        if (request.id() != null && !request.id().isBlank() && !request.id().equals(scheduleId)) {
            violations.add("id", "must be the id of the schedule in the path");
        }
        JsonNode autoPayment = autoPayment(body, violations);
        Location location = locationOrThrow(request.altId(), violations);
        return views.view(schedules.autoPayment(location, scheduleId, autoPayment));
    }

    @PostMapping(SCHEDULE + "/cancel")
    @HighLevelOperation("cancel-invoice-schedule")
    public ObjectNode cancel(Caller caller, @PathVariable String scheduleId, @RequestBody JsonNode body) {
        access.requireIfPresent(caller, text(body, "altId"));
        Violations violations = new Violations();
        CancelSchedule request = binder.bind(body, CancelSchedule.class, violations);
        Location location = locationOrThrow(request.altId(), violations);
        return views.view(schedules.cancel(location, scheduleId));
    }

    /**
     * The content and timing of a create or update body, checked as a whole: the timing against the
     * location's zone, the content by the create-invoice rules on today's date. Throws 422 with every problem.
     */
    private ScheduleService.Revision revision(Location location, JsonNode body, ScheduleOptions options,
            Boolean liveMode, ObjectNode stored, Violations violations) {
        ZoneId zone = zone(location);
        if (options != null) {
            options.timing(zone, violations);
        }
        ObjectNode content = views.json().createObjectNode();
        if (stored != null) {
            KEPT_ON_UPDATE.forEach(k -> {
                if (stored.has(k)) {
                    content.set(k, stored.get(k));
                }
            });
        }
        body.properties().forEach(e -> {
            if (!NOT_CONTENT.contains(e.getKey())) {
                content.set(e.getKey(), e.getValue());
            }
        });
        violations.throwIfAny();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        InvoiceContent invoice = invoices.content(location, content, liveMode, today, today, violations);
        violations.throwIfAny();
        BigDecimal total = invoices.total(invoice);
        if (!content.hasNonNull("title") && invoice.title() != null) {
            content.put("title", invoice.title());
        }
        if (!content.hasNonNull("termsNotes") && invoice.termsNotes() != null) {
            content.put("termsNotes", invoice.termsNotes());
        }
        return new ScheduleService.Revision(content.path("name").asString(), liveMode, invoice.currency(), total,
                content, body.get("schedule").deepCopy());
    }

    /** autoPayment as given (references and display details only); enable false clears it. */
    private JsonNode autoPayment(JsonNode body, Violations violations) {
        JsonNode given = body == null ? null : body.get("autoPayment");
        if (given == null || !given.isObject()) {
            return null;
        }
        if (!given.path("enable").asBoolean(false)) {
            ObjectNode off = views.json().createObjectNode();
            off.put("enable", false);
            return off;
        }
        autoPayments.incomplete(given).forEach(violations::addMessage);
        return given.deepCopy();
    }

    private Location locationOrThrow(String altId, Violations violations) {
        if (altId == null || !Ids.isValid(altId)) {
            violations.throwIfAny();
        }
        violations.throwIfAny();
        return access.location(altId);
    }

    static ZoneId zone(Location location) {
        return ScheduleService.zone(location);
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
