package dev.remit.schedule;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.api.ApiException;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything done to schedules, each in one transaction with the schedule's row locked, and with the
 * occurrence job changed in that same transaction.
 */
@Service
public class ScheduleService {

    private final ScheduleRepository repository;
    private final OccurrencePlanner planner;
    private final ScheduleTimings timings;
    private final TransactionTemplate transaction;
    private final ScheduleEvents events;
    private final Clock clock;

    ScheduleService(ScheduleRepository repository, OccurrencePlanner planner, ScheduleTimings timings,
            TransactionTemplate transaction, ScheduleEvents events, Clock clock) {
        this.events = events;
        this.repository = repository;
        this.planner = planner;
        this.timings = timings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A schedule's content and timing as validated by the web layer. */
    public record Revision(String name, boolean liveMode, String currency, BigDecimal total, ObjectNode content,
            JsonNode schedule) {
    }

    /** A schedule with the ids of the invoices generated so far (oldest first). */
    public record Loaded(InvoiceSchedule schedule, List<String> invoiceIds) {
    }

    public Loaded create(Location location, Revision r) {
        return transaction.execute(status -> {
            InvoiceSchedule schedule = InvoiceSchedule.draft(Ids.newId(), location.id(), r.name(), r.liveMode(),
                    r.currency(), r.total(), r.content(), r.schedule(), now());
            repository.insert(schedule);
            events.publish(ScheduleCreated::new, schedule, schedule.createdAt());
            return new Loaded(schedule, List.of());
        });
    }

    public Loaded get(String locationId, String id) {
        InvoiceSchedule schedule = find(locationId, id);
        return new Loaded(schedule, repository.invoiceIds(locationId, id));
    }

    public InvoiceSchedule find(String locationId, String id) {
        if (!Ids.isValid(id)) {
            throw notFound();
        }
        return repository.find(locationId, id).orElseThrow(ScheduleService::notFound);
    }

    public record Page(List<Loaded> schedules, long total) {
    }

    public Page list(String locationId, String status, java.time.LocalDate startAt, java.time.LocalDate endAt,
            String search, Boolean liveMode, int limit, int offset) {
        ScheduleRepository.Page page = repository.list(locationId,
                new ScheduleRepository.Filter(status, startAt, endAt, search, liveMode), limit, offset);
        return new Page(page.schedules().stream()
                .map(s -> new Loaded(s, repository.invoiceIds(locationId, s.id()))).toList(), page.total());
    }

    /** New content and timing; an active schedule's next occurrence is planned again from now. */
    public Loaded update(Location location, String id, Revision r) {
        return changed(location, id, ScheduleUpdated::new, schedule -> revise(location, schedule, r));
    }

    /** Starts sending (or, when active, takes the new liveMode and payment method from now on). */
    public Loaded schedule(Location location, String id, boolean liveMode, JsonNode autoPayment) {
        return changed(location, id, ScheduleScheduled::new, schedule -> activate(location, schedule, liveMode, autoPayment));
    }

    /** Both, in one transaction (one event: ScheduleScheduled, with the new content). */
    public Loaded updateAndSchedule(Location location, String id, Revision r) {
        return changed(location, id, ScheduleScheduled::new, schedule -> {
            revise(location, schedule, r);
            activate(location, schedule, schedule.liveMode(), null);
        });
    }

    public Loaded autoPayment(Location location, String id, JsonNode autoPayment) {
        return changed(location, id, ScheduleUpdated::new, schedule -> schedule.changeAutoPayment(autoPayment, now()));
    }

    public Loaded cancel(Location location, String id) {
        return transaction.execute(status -> {
            InvoiceSchedule schedule = locked(location.id(), id);
            if (schedule.status() != ScheduleStatus.CANCELLED) {
                // cancelling a cancelled schedule changes nothing and fires nothing
                planner.unplan(schedule);
                schedule.cancel(now());
                repository.update(schedule);
                events.publish(ScheduleCancelled::new, schedule, now());
            }
            return new Loaded(schedule, repository.invoiceIds(location.id(), id));
        });
    }

    public void delete(Location location, String id) {
        transaction.executeWithoutResult(status -> {
            InvoiceSchedule schedule = locked(location.id(), id);
            ScheduleSnapshot before = events.snapshot(schedule);
            planner.unplan(schedule);
            repository.delete(schedule);
            events.publish(ScheduleDeleted::new, before, now());
        });
    }

    /** An occurrence already due keeps its job (see {@link InvoiceSchedule#occurrenceDue}); any other is planned again. */
    private void revise(Location location, InvoiceSchedule schedule, Revision r) {
        Instant now = now();
        schedule.revise(r.name(), r.liveMode(), r.currency(), r.total(), r.content(), r.schedule(), now);
        if (schedule.status() == ScheduleStatus.ACTIVE && !schedule.occurrenceDue(now)) {
            planner.unplan(schedule);
            ZoneId zone = ScheduleTimings.zone(location);
            schedule.replan(timings.of(schedule, zone).upcoming(now, schedule.lastOccurrence(), zone), now);
        }
    }

    private void activate(Location location, InvoiceSchedule schedule, boolean liveMode, JsonNode autoPayment) {
        Instant now = now();
        if (!schedule.occurrenceDue(now)) {
            planner.unplan(schedule);
        }
        ZoneId zone = ScheduleTimings.zone(location);
        schedule.activate(liveMode, autoPayment,
                timings.of(schedule, zone).upcoming(now, schedule.lastOccurrence(), zone), now);
    }

    private Loaded changed(Location location, String id, ScheduleEvents.Kind kind,
            java.util.function.Consumer<InvoiceSchedule> change) {
        return transaction.execute(status -> {
            InvoiceSchedule schedule = locked(location.id(), id);
            ScheduleStatus before = schedule.status();
            change.accept(schedule);
            repository.update(schedule);
            planner.plan(schedule);
            Instant now = now();
            events.publish(kind, schedule, now);
            events.completedIf(before, schedule, now);
            return new Loaded(schedule, repository.invoiceIds(location.id(), id));
        });
    }

    private InvoiceSchedule locked(String locationId, String id) {
        if (!Ids.isValid(id)) {
            throw notFound();
        }
        return repository.lock(locationId, id).orElseThrow(ScheduleService::notFound);
    }

    /** The location's time zone, in which every schedule of it runs (UTC when it has none or an unknown one). */
    public static ZoneId zone(Location location) {
        return ScheduleTimings.zone(location);
    }

    static ApiException notFound() {
        return ApiException.notFound("Schedule not found");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
