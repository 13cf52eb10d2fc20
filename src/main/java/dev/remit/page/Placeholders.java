package dev.remit.page;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.remit.text.TextRule;

/**
 * Fills a user's text (a reminder's subject, email message or SMS) with an invoice's figures, in
 * HighLevel's <code>{{object.field}}</code> style (docs/reminders.md lists them). The text is data,
 * never a template: it is not evaluated, only these names are replaced, with the same formatted
 * values the page and the email show; an unknown name stays as it was written. Whatever it gives
 * is plain text (holding only {@link TextRule}); HTML escapes it where it is shown.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_.]+)\\s*}}");

    /** The names, and what each is on an invoice (docs/reminders.md lists them). */
    static final Map<String, Function<Fields, String>> NAMES = Map.ofEntries(
            Map.entry("invoice.number", f -> f.invoice().number()),
            Map.entry("invoice.name", f -> f.invoice().heading()),
            Map.entry("invoice.total", f -> f.invoice().total()),
            Map.entry("invoice.amount_due", f -> f.invoice().amountDue()),
            Map.entry("invoice.amount_paid", f -> f.invoice().amountPaid()),
            Map.entry("invoice.late_fees", f -> f.invoice().lateFees()),
            Map.entry("invoice.issue_date", f -> f.invoice().issueDate()),
            Map.entry("invoice.due_date", f -> f.invoice().dueDate()),
            Map.entry("invoice.url", f -> f.invoice().publicUrl()),
            Map.entry("contact.name", f -> f.invoice().customer().name()),
            Map.entry("contact.first_name", f -> firstName(f.invoice().customer().name())),
            Map.entry("contact.email", f -> f.invoice().customer().email()),
            Map.entry("location.name", f -> f.invoice().business().name()),
            Map.entry("business.name", f -> f.invoice().business().name()));

    private Placeholders() {
    }

    private record Fields(InvoiceView invoice) {
    }

    /**
     * {@code text} with each known placeholder replaced by the invoice's value (empty when the invoice
     * has none), as one line when {@code oneLine} (a subject); null for null.
     */
    public static String fill(String text, InvoiceView invoice, boolean oneLine) {
        if (text == null) {
            return null;
        }
        Fields fields = new Fields(invoice);
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (matcher.find()) {
            Function<Fields, String> value = NAMES.get(matcher.group(1).toLowerCase(Locale.ROOT));
            String replacement = value == null ? matcher.group() : value.apply(fields);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? "" : replacement));
        }
        matcher.appendTail(out);
        String filled = TextRule.renderable(out.toString());
        return oneLine ? filled.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip() : filled.strip();
    }

    private static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.strip().split("\\s+", 2)[0];
    }
}
