package dev.remit.invoice.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.modulith.NamedInterface;

import dev.remit.api.OneOf;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Reminders as create-invoice, update-invoice and the template operations take them (docs/reminders.md):
 * HighLevel's RemindersConfigurationDto without its output part, {@code reminderExecutionDetailsList}.
 * The spec shows the configuration only in get-invoice's answer; taking it in a body is remit's extension.
 */
@NamedInterface("web")
public final class ReminderRequests {

    public static final String INTEGER = "must be an integer number";
    public static final String CLOCK_TIME = "(1[0-2]|0?[1-9]):[0-5][0-9] ?([AaPp][Mm])";
    public static final List<String> INTERVALS = List.of("yearly", "monthly", "weekly", "daily", "hourly", "minutely",
            "secondly");

    private ReminderRequests() {
    }

    public record RemindersConfiguration(@NotNull @Valid @ReminderRules ReminderSettings reminderSettings) {
    }

    /** ReminderSettingsDto. */
    public record ReminderSettings(
            @NotNull @Size(max = 200, message = "must be shorter than or equal to 200 characters") String defaultEmailTemplateId,
            @NotNull @Size(max = 10, message = "must contain no more than 10 elements") List<@NotNull @Valid Reminder> reminders) {
    }

    /**
     * ReminderDto. A blank {@code emailTemplate} or {@code smsTemplate} leaves that channel out, a single
     * word names a template (remit's own), longer text is the message itself with placeholders;
     * {@code reminderNumber} is the gap between reminders in {@code intervalType}s (0: once, on the due date);
     * {@code startTime} to {@code endTime} are business hours.
     */
    public record Reminder(
            @NotNull Boolean enabled,
            @NotNull @Size(max = 5000, message = "must be shorter than or equal to 5000 characters") String emailTemplate,
            @NotNull @Size(max = 1000, message = "must be shorter than or equal to 1000 characters") String smsTemplate,
            @NotNull @Size(max = 200, message = "must be shorter than or equal to 200 characters") String emailSubject,
            @NotNull @Size(min = 1, max = 64, message = "must be between 1 and 64 characters long") String reminderId,
            @NotNull @Size(min = 1, max = 200, message = "must be between 1 and 200 characters long") String reminderName,
            @NotNull @OneOf({"before", "after"}) String reminderTime,
            @NotNull @OneOf({"yearly", "monthly", "weekly", "daily", "hourly", "minutely", "secondly"}) String intervalType,
            @NotNull @Digits(integer = 3, fraction = 0, message = INTEGER) @DecimalMin("1") @DecimalMax("100") BigDecimal maxReminders,
            @NotNull @OneOf({"invoice_sent", "invoice_overdue"}) String reminderInvoiceCondition,
            @NotNull @Digits(integer = 4, fraction = 0, message = INTEGER) @DecimalMin("0") @DecimalMax("1000") BigDecimal reminderNumber,
            @Pattern(regexp = CLOCK_TIME, message = "must be a time such as 9:00 AM") String startTime,
            @Pattern(regexp = CLOCK_TIME, message = "must be a time such as 5:00 PM") String endTime,
            String timezone) {
    }

    /**
     * What reminder settings must say beyond their types: each reminderId once, {@code invoice_overdue} only
     * with {@code after}, and a timezone that is {@code businessTZ} or an IANA zone.
     */
    @Documented
    @Constraint(validatedBy = ReminderRules.Check.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface ReminderRules {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<ReminderRules, ReminderSettings> {

            @Override
            public boolean isValid(ReminderSettings settings, ConstraintValidatorContext context) {
                if (settings == null || settings.reminders() == null) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                boolean valid = true;
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < settings.reminders().size(); i++) {
                    Reminder reminder = settings.reminders().get(i);
                    if (reminder == null) {
                        continue;
                    }
                    if (reminder.reminderId() != null && !ids.add(reminder.reminderId())) {
                        valid = fail(context, i, "reminderId", "must be unique within reminders");
                    }
                    if ("invoice_overdue".equals(reminder.reminderInvoiceCondition())
                            && "before".equals(reminder.reminderTime())) {
                        valid = fail(context, i, "reminderInvoiceCondition",
                                "invoice_overdue needs reminderTime after");
                    }
                    if (reminder.timezone() != null && zone(reminder.timezone()) == null
                            && !"businessTZ".equals(reminder.timezone())) {
                        valid = fail(context, i, "timezone", "must be businessTZ or an IANA time zone");
                    }
                }
                return valid;
            }

            private static boolean fail(ConstraintValidatorContext context, int index, String property, String message) {
                context.buildConstraintViolationWithTemplate(message).addPropertyNode("reminders")
                        .addPropertyNode(property).inIterable().atIndex(index).addConstraintViolation();
                return false;
            }
        }
    }

    /** The IANA zone a reminder's timezone names, or null ({@code businessTZ}, unset or unknown). */
    public static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank() || "businessTZ".equals(timezone)) {
            return null;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException unknown) {
            return null;
        }
    }
}
