package dev.remit.schedule;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import dev.remit.api.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A recurring invoice schedule: what each occurrence's invoice holds ({@code content}), when they go
 * out ({@code schedule}), and where it stands. It guards its own transitions:
 *
 * <pre>
 * draft ──schedule──▶ active ──last occurrence generated──▶ completed
 *   │                   │
 *   └──────cancel───────┴──────────────────────────────────▶ cancelled
 * </pre>
 *
 * A draft and an active schedule may be updated (an active one's generated invoices stay as they are;
 * the next occurrence is planned again from now under the new content and timing); completed and
 * cancelled are final. Cancelling a cancelled schedule changes nothing. Delete is allowed in every
 * status and leaves the generated invoices.
 */
public final class InvoiceSchedule {

    private final String id;
    private final String locationId;
    private String name;
    private ScheduleStatus status;
    private boolean liveMode;
    private String currency;
    private BigDecimal total;
    private ObjectNode content;
    private JsonNode schedule;
    private JsonNode autoPayment;
    private LocalDateTime lastOccurrence;
    private LocalDateTime nextOccurrence;
    private Instant nextRunAt;
    private final long version;
    private final Instant createdAt;
    private Instant updatedAt;

    public InvoiceSchedule(String id, String locationId, String name, ScheduleStatus status, boolean liveMode,
            String currency, BigDecimal total, ObjectNode content, JsonNode schedule, JsonNode autoPayment,
            LocalDateTime lastOccurrence, LocalDateTime nextOccurrence, Instant nextRunAt, long version,
            Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.locationId = locationId;
        this.name = name;
        this.status = status;
        this.liveMode = liveMode;
        this.currency = currency;
        this.total = total;
        this.content = content;
        this.schedule = schedule;
        this.autoPayment = autoPayment;
        this.lastOccurrence = lastOccurrence;
        this.nextOccurrence = nextOccurrence;
        this.nextRunAt = nextRunAt;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public static InvoiceSchedule draft(String id, String locationId, String name, boolean liveMode, String currency,
            BigDecimal total, ObjectNode content, JsonNode schedule, Instant now) {
        return new InvoiceSchedule(id, locationId, name, ScheduleStatus.DRAFT, liveMode, currency, total, content,
                schedule, null, null, null, null, 0, now, now);
    }

    /** New content and timing; for an active schedule the caller plans the next occurrence again ({@link #plan}). */
    public void revise(String name, boolean liveMode, String currency, BigDecimal total, ObjectNode content,
            JsonNode schedule, Instant now) {
        requireOpen("updated");
        this.name = name;
        this.liveMode = liveMode;
        this.currency = currency;
        this.total = total;
        this.content = content;
        this.schedule = schedule;
        this.updatedAt = now;
    }

    /**
     * Starts (or, when active, restarts) sending: from now on the occurrence {@code next} is the one
     * planned. A schedule without a future occurrence cannot start.
     */
    public void activate(boolean liveMode, JsonNode autoPayment, Optional<ScheduleTiming.Occurrence> next, Instant now) {
        requireOpen("scheduled");
        boolean keep = occurrenceDue(now);
        if (!keep && next.isEmpty()) {
            throw ApiException.unprocessable("schedule has no occurrence after now");
        }
        this.liveMode = liveMode;
        if (autoPayment != null) {
            this.autoPayment = enabled(autoPayment) ? autoPayment : null;
        }
        this.status = ScheduleStatus.ACTIVE;
        if (!keep) {
            planned(next.get());
        }
        this.updatedAt = now;
    }

    /**
     * After an update of an active schedule: the next occurrence under the new timing, or completed when
     * none. An occurrence already due stays planned (see {@link #occurrenceDue}).
     */
    public void replan(Optional<ScheduleTiming.Occurrence> next, Instant now) {
        if (status != ScheduleStatus.ACTIVE || occurrenceDue(now)) {
            return;
        }
        next.ifPresentOrElse(this::planned, this::complete);
        this.updatedAt = now;
    }

    /** Skips the occurrence it waits for (its job gave up): the next one is {@code next}, or completed when none. */
    public void skip(Optional<ScheduleTiming.Occurrence> next, Instant now) {
        if (status != ScheduleStatus.ACTIVE) {
            return;
        }
        next.ifPresentOrElse(this::planned, this::complete);
        this.updatedAt = now;
    }

    /**
     * Whether the occurrence this active schedule waits for is due: its time has come and its job has not
     * generated it yet. Such an occurrence is no longer a future one: an update or a new schedule call
     * leaves it planned, and it is generated once (with the content as it is then).
     */
    public boolean occurrenceDue(Instant now) {
        return status == ScheduleStatus.ACTIVE && nextRunAt != null && !nextRunAt.isAfter(now);
    }

    /** The occurrence this schedule waits for, as it was planned (empty when none). */
    public Optional<ScheduleTiming.Occurrence> awaited(java.time.ZoneId zone) {
        if (nextOccurrence == null) {
            return Optional.empty();
        }
        return Optional.of(new ScheduleTiming.Occurrence(nextOccurrence, nextRunAt,
                java.time.LocalDate.ofInstant(nextRunAt, zone), nextOccurrence.toLocalDate()));
    }

    /** An occurrence's invoice was generated; {@code next} is the one after it (none: completed). */
    public void generated(ScheduleTiming.Occurrence occurrence, Optional<ScheduleTiming.Occurrence> next, Instant now) {
        if (status != ScheduleStatus.ACTIVE) {
            throw new IllegalStateException("schedule " + id + " is " + status.wire() + ", not active");
        }
        if (lastOccurrence != null && !occurrence.at().isAfter(lastOccurrence)) {
            throw new IllegalStateException("occurrence " + occurrence.key() + " is not after " + lastOccurrence);
        }
        lastOccurrence = occurrence.at();
        next.ifPresentOrElse(this::planned, this::complete);
        updatedAt = now;
    }

    /** Whether an occurrence job for {@code occurrenceKey} is still the one this schedule waits for. */
    public boolean awaits(String occurrenceKey) {
        return status == ScheduleStatus.ACTIVE && nextOccurrence != null && nextOccurrence.toString().equals(occurrenceKey);
    }

    public void cancel(Instant now) {
        if (status == ScheduleStatus.CANCELLED) {
            return;
        }
        if (status == ScheduleStatus.COMPLETED) {
            throw ApiException.badRequest("A completed schedule cannot be cancelled");
        }
        status = ScheduleStatus.CANCELLED;
        nextOccurrence = null;
        nextRunAt = null;
        updatedAt = now;
    }

    /** Sets (or, with enable false, clears) the saved payment method charged for future occurrences. */
    public void changeAutoPayment(JsonNode details, Instant now) {
        requireOpen("changed");
        autoPayment = enabled(details) ? details : null;
        updatedAt = now;
    }

    private void planned(ScheduleTiming.Occurrence next) {
        nextOccurrence = next.at();
        nextRunAt = next.runAt();
    }

    private void complete() {
        status = ScheduleStatus.COMPLETED;
        nextOccurrence = null;
        nextRunAt = null;
    }

    private void requireOpen(String what) {
        if (status.isFinal()) {
            throw ApiException.badRequest("A " + status.wire() + " schedule cannot be " + what);
        }
    }

    private static boolean enabled(JsonNode autoPayment) {
        return autoPayment != null && autoPayment.path("enable").asBoolean(false);
    }

    public String id() { return id; }
    public String locationId() { return locationId; }
    public String name() { return name; }
    public ScheduleStatus status() { return status; }
    public boolean liveMode() { return liveMode; }
    public String currency() { return currency; }
    public BigDecimal total() { return total; }
    public ObjectNode content() { return content; }
    public JsonNode schedule() { return schedule; }
    public JsonNode autoPayment() { return autoPayment; }
    public LocalDateTime lastOccurrence() { return lastOccurrence; }
    public LocalDateTime nextOccurrence() { return nextOccurrence; }
    public Instant nextRunAt() { return nextRunAt; }
    public long version() { return version; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
