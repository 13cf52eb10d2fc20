package dev.remit.schedule.web;

import java.util.Map;

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

import dev.remit.api.ApiException;
import dev.remit.api.HighLevelBody;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelQuery;
import dev.remit.api.NumberString;
import dev.remit.api.IsoDate;
import dev.remit.api.LocationAccess;
import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.invoice.InvoiceContent;
import dev.remit.payment.AutoPayments;
import dev.remit.schedule.ScheduleOptions;
import dev.remit.schedule.ScheduleService;
import dev.remit.schedule.ScheduleViews;
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
    static final List<String> KEPT_ON_UPDATE = ScheduleViews.KEPT_ON_UPDATE;

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
    public ObjectNode create(@HighLevelBody CreateSchedule body, Location location) {
        return views.view(schedules.create(location, revision(location, body, null)));
    }

    @GetMapping({"/invoices/schedule", "/invoices/schedule/"})
    @HighLevelOperation("list-invoice-schedules")
    public ObjectNode list(@HighLevelQuery ListQuery query, Location location) {
        Boolean live = query.paymentMode() == null || query.paymentMode().equals("default") ? null
                : query.paymentMode().equals("live");
        ScheduleService.Page page = schedules.list(location.id(), query.status(), date(query.startAt()),
                date(query.endAt()), query.search(), live, NumberString.Check.parse(query.limit()),
                NumberString.Check.parse(query.offset()));
        ObjectNode answer = views.json().createObjectNode();
        ArrayNode list = answer.putArray("schedules");
        page.schedules().forEach(s -> list.add(views.view(s)));
        answer.put("total", page.total());
        return answer;
    }

    @GetMapping(SCHEDULE)
    @HighLevelOperation("get-invoice-schedule")
    public ObjectNode get(@PathVariable String scheduleId, Location location) {
        return views.view(schedules.get(location.id(), scheduleId));
    }

    @PutMapping(SCHEDULE)
    @HighLevelOperation("update-invoice-schedule")
    public ObjectNode update(@PathVariable String scheduleId, @HighLevelBody UpdateSchedule body, Location location) {
        ObjectNode stored = schedules.find(location.id(), scheduleId).content();
        return views.view(schedules.update(location, scheduleId, revision(location, body, stored)));
    }

    @DeleteMapping(SCHEDULE)
    @HighLevelOperation("delete-invoice-schedule")
    public ObjectNode delete(@PathVariable String scheduleId, Location location) {
        schedules.delete(location, scheduleId);
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
            Map<String, String[]> query = http.getParameterMap();
            String[] altIds = query.get("altId");
            access.requireIfPresent(caller, altIds == null || altIds.length == 0 ? null : altIds[altIds.length - 1]);
            Violations violations = new Violations();
            LocationAccess.LocationQuery bound = binder.bindQuery(query, LocationAccess.LocationQuery.class, violations);
            violations.throwIfAny();
            access.require(caller, bound.altId());
            String locationId = bound.altId();
            Location location = access.location(locationId);
            return views.view(schedules.schedule(location, scheduleId,
                    schedules.find(locationId, scheduleId).liveMode(), null));
        }
        JsonNode altId = body.get("altId");
        String given = altId != null && altId.isString() ? altId.asString() : null;
        access.requireIfPresent(caller, given);
        Violations violations = new Violations();
        Location payload = given != null && Ids.isValid(given) ? access.find(given) : null;
        UpdateSchedule request = binder.bind(body, UpdateSchedule.class, violations, payload);
        violations.throwIfAny();
        access.require(caller, request.altId());
        Location location = access.location(request.altId());
        ObjectNode stored = schedules.find(location.id(), scheduleId).content();
        return views.view(schedules.updateAndSchedule(location, scheduleId, revision(location, request, stored)));
    }

    @PostMapping(SCHEDULE + "/schedule")
    @HighLevelOperation("schedule-invoice-schedule")
    public ObjectNode schedule(@PathVariable String scheduleId, @HighLevelBody ScheduleSchedule body, Location location) {
        return views.view(schedules.schedule(location, scheduleId, body.liveMode(), autoPayment(body.autoPayment())));
    }

    @PostMapping(SCHEDULE + "/auto-payment")
    @HighLevelOperation("auto-payment-invoice-schedule")
    public ObjectNode autoPayment(@PathVariable String scheduleId, @HighLevelBody AutoPaymentSchedule body,
            Location location) {
        if (!body.id().equals(scheduleId)) {
            throw ApiException.unprocessable("id must be the id of the schedule in the path");
        }
        return views.view(schedules.autoPayment(location, scheduleId, autoPayment(body.autoPayment())));
    }

    @PostMapping(SCHEDULE + "/cancel")
    @HighLevelOperation("cancel-invoice-schedule")
    public ObjectNode cancel(@PathVariable String scheduleId, @HighLevelBody CancelSchedule body, Location location) {
        return views.view(schedules.cancel(location, scheduleId));
    }

    /**
     * The content and timing of a bound create or update body (every constraint already checked): the
     * invoice part is kept as JSON, without nulls, with the stored properties an update does not carry.
     */
    private ScheduleService.Revision revision(Location location, ScheduleRequests.ScheduleBody body, ObjectNode stored) {
        ObjectNode content = views.json().createObjectNode();
        if (stored != null) {
            KEPT_ON_UPDATE.forEach(k -> {
                if (stored.has(k)) {
                    content.set(k, stored.get(k));
                }
            });
        }
        ObjectNode given = withoutNulls(views.json().valueToTree(body));
        given.properties().forEach(e -> {
            if (!NOT_CONTENT.contains(e.getKey())) {
                content.set(e.getKey(), e.getValue());
            }
        });
        ZoneId zone = zone(location);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Violations violations = new Violations();
        InvoiceContent invoice = invoices.content(location, content, body.liveMode(), today, today, violations);
        violations.throwIfAny();
        if (!content.hasNonNull("title") && invoice.title() != null) {
            content.put("title", invoice.title());
        }
        if (!content.hasNonNull("termsNotes") && invoice.termsNotes() != null) {
            content.put("termsNotes", invoice.termsNotes());
        }
        return new ScheduleService.Revision(content.path("name").asString(), body.liveMode(), invoice.currency(),
                invoices.total(invoice), content, withoutNulls(views.json().valueToTree(body.schedule())));
    }

    private static <T extends JsonNode> T withoutNulls(T node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new java.util.ArrayList<>();
            object.properties().forEach(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    withoutNulls(e.getValue());
                }
            });
            nulls.forEach(object::remove);
        } else if (node instanceof ArrayNode array) {
            array.forEach(ScheduleController::withoutNulls);
        }
        return node;
    }

    /** autoPayment as given (references and display details only); enable false clears it. */
    private JsonNode autoPayment(ScheduleRequests.AutoPayment given) {
        if (given == null) {
            return null;
        }
        if (!Boolean.TRUE.equals(given.enable())) {
            ObjectNode off = views.json().createObjectNode();
            off.put("enable", false);
            return off;
        }
        JsonNode details = withoutNulls(views.json().valueToTree(given));
        List<String> incomplete = autoPayments.incomplete(details);
        if (!incomplete.isEmpty()) {
            throw ApiException.unprocessable(incomplete);
        }
        return details;
    }

    private static LocalDate date(String text) {
        return text == null ? null : IsoDate.Dates.parse(text);
    }


    static ZoneId zone(Location location) {
        return ScheduleService.zone(location);
    }


}
