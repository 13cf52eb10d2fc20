package dev.remit.send;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.remit.invoice.web.ReminderRequests;
import tools.jackson.databind.JsonNode;

/**
 * When an invoice's reminders fall due (docs/reminders.md). Each reminder counts from its anchor, the
 * due date at {@code startTime} (9:00 AM unset) in its zone: {@code after}, reminder n is n gaps after the
 * anchor; {@code before}, the last of {@code maxReminders} is one gap before it and each earlier one a gap
 * earlier still. A gap is {@code reminderNumber} {@code intervalType}s added on the zone's calendar, so a
 * daily reminder keeps its wall-clock time across a daylight-saving change; a gap of 0 is one reminder,
 * at the anchor. With an {@code endTime}, {@code startTime} to {@code endTime} are business hours: a
 * reminder that falls outside them waits for their next start.
 *
 * @param until the end of business hours; null when there are none (any time of day)
 * @param content what the reminder says: its subject and its email and SMS templates
 */
record ReminderSchedule(String id, String name, boolean enabled, boolean before, ChronoUnit unit, long gap,
        int maxReminders, boolean overdueOnly, LocalTime at, LocalTime until, ZoneId zone, Content content) {

    /**
     * A reminder's words as configured: {@code emailSubject}, {@code emailTemplate}, {@code smsTemplate}.
     * A blank template leaves its channel out; a single word (such as {@code default}, or a HighLevel
     * template id) names a template, and remit has one, its own; anything longer is the message itself,
     * with placeholders ({@link dev.remit.page.Placeholders}).
     */
    record Content(String subject, String emailTemplate, String smsTemplate) {

        boolean email() {
            return !emailTemplate.isBlank();
        }

        boolean sms() {
            return !smsTemplate.isBlank();
        }

        /** The subject to fill in, or null for remit's own ({@code Reminder: } and the invoice email's). */
        String ownSubject() {
            return subject.isBlank() ? null : subject;
        }

        /** The email's message to fill in, or null for remit's own (the invoice email's words). */
        String ownEmailMessage() {
            return isMessage(emailTemplate) ? emailTemplate : null;
        }

        /** The SMS to fill in, or null for remit's own ({@code Reminder: } and the invoice SMS). */
        String ownSms() {
            return isMessage(smsTemplate) ? smsTemplate : null;
        }

        /** Whether a template is a message of its own rather than a template's name: it has a space or a line break. */
        static boolean isMessage(String template) {
            return !template.isBlank() && template.strip().chars().anyMatch(Character::isWhitespace);
        }
    }

    static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);

    private static final DateTimeFormatter CLOCK = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("h:mm[ ]a").toFormatter(Locale.US);

    /** The reminders of a stored remindersConfiguration; {@code businessZone} where one names no zone of its own. */
    static List<ReminderSchedule> of(JsonNode remindersConfiguration, ZoneId businessZone) {
        List<ReminderSchedule> schedules = new ArrayList<>();
        if (remindersConfiguration == null) {
            return schedules;
        }
        for (JsonNode r : remindersConfiguration.path("reminderSettings").path("reminders")) {
            ZoneId own = ReminderRequests.zone(r.path("timezone").asString(null));
            LocalTime start = time(r.path("startTime").asString(null), DEFAULT_TIME);
            LocalTime end = time(r.path("endTime").asString(null), null);
            schedules.add(new ReminderSchedule(r.path("reminderId").asString(""), r.path("reminderName").asString(""),
                    r.path("enabled").asBoolean(false), "before".equals(r.path("reminderTime").asString("")),
                    unit(r.path("intervalType").asString("daily")), r.path("reminderNumber").asLong(1),
                    r.path("maxReminders").asInt(1), "invoice_overdue".equals(r.path("reminderInvoiceCondition").asString("")),
                    start, start.equals(end) ? null : end, own == null ? businessZone : own,
                    new Content(r.path("emailSubject").asString(""), r.path("emailTemplate").asString(""),
                            r.path("smsTemplate").asString(""))));
        }
        return schedules;
    }

    static Optional<ReminderSchedule> find(JsonNode remindersConfiguration, ZoneId businessZone, String reminderId) {
        return of(remindersConfiguration, businessZone).stream().filter(s -> s.id().equals(reminderId)).findFirst();
    }

    /** How many times this reminder goes out at most. */
    int count() {
        return gap == 0 ? 1 : maxReminders;
    }

    boolean email() {
        return content.email();
    }

    boolean sms() {
        return content.sms();
    }

    /**
     * When reminder {@code n} (1 to {@link #count()}) is due for an invoice due on {@code due}: its place
     * in the series, moved to the next start of business hours when it falls outside them.
     */
    Instant time(LocalDate due, int n) {
        ZonedDateTime anchor = ZonedDateTime.of(due, at, zone);
        if (gap == 0) {
            return inBusinessHours(anchor);
        }
        return inBusinessHours(before ? anchor.minus((count() - n + 1) * gap, unit) : anchor.plus(n * gap, unit));
    }

    /**
     * The time itself when it is within business hours ({@code at} to {@code until}, across midnight when
     * {@code until} is earlier), else the next start of business hours.
     */
    private Instant inBusinessHours(ZonedDateTime time) {
        if (until == null) {
            return time.toInstant();
        }
        LocalTime local = time.toLocalTime();
        boolean open = at.isBefore(until) ? !local.isBefore(at) && local.isBefore(until)
                : !local.isBefore(at) || local.isBefore(until);
        if (open) {
            return time.toInstant();
        }
        LocalDate day = local.isBefore(at) ? time.toLocalDate() : time.toLocalDate().plusDays(1);
        return ZonedDateTime.of(day, at, zone).toInstant();
    }

    /** Whether reminder {@code n} may go out: an {@code invoice_overdue} one only once the due date has passed. */
    boolean allowed(LocalDate due, int n) {
        return !overdueOnly || time(due, n).atZone(zone).toLocalDate().isAfter(due);
    }

    /**
     * The number to send at {@code now}: from {@code first} on, the latest that is due and allowed (the
     * ones passed over during a downtime are not sent late in a burst); empty when none is due yet.
     */
    Optional<Integer> dueAt(LocalDate due, int first, Instant now) {
        Integer found = null;
        for (int n = first; n <= count() && !time(due, n).isAfter(now); n++) {
            if (allowed(due, n)) {
                found = n;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The first number from {@code first} on that is allowed and not due before {@code notBefore}; empty when none. */
    Optional<Integer> next(LocalDate due, int first, Instant notBefore) {
        for (int n = first; n <= count(); n++) {
            if (allowed(due, n) && !time(due, n).isBefore(notBefore)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private static ChronoUnit unit(String intervalType) {
        return switch (intervalType) {
            case "yearly" -> ChronoUnit.YEARS;
            case "monthly" -> ChronoUnit.MONTHS;
            case "weekly" -> ChronoUnit.WEEKS;
            case "hourly" -> ChronoUnit.HOURS;
            case "minutely" -> ChronoUnit.MINUTES;
            case "secondly" -> ChronoUnit.SECONDS;
            default -> ChronoUnit.DAYS;
        };
    }

    private static LocalTime time(String clock, LocalTime otherwise) {
        if (clock == null || clock.isBlank()) {
            return otherwise;
        }
        try {
            return LocalTime.parse(clock.strip(), CLOCK);
        } catch (DateTimeParseException unreadable) {
            return otherwise;
        }
    }
}
