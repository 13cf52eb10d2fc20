package dev.remit.invoice;

import java.time.Instant;

/**
 * One reminder sent for an invoice (docs/reminders.md): which of its reminders, the how-many-th, when it
 * was due and sent, and by which channels ({@code email}, {@code sms}, {@code email,sms}).
 */
public record ReminderSent(String locationId, String invoiceId, String reminderId, int number, String reminderName,
        Instant dueAt, Instant sentAt, String channels) {
}
