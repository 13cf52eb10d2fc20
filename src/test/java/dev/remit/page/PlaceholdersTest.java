package dev.remit.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reminder's own words filled in from the invoice as data (docs/reminders.md), and rendered escaped. */
class PlaceholdersTest {

    private final InvoiceView invoice = SampleInvoices.withStatus(InvoiceView.Status.DUE, false);

    @Test
    void fillsEveryKnownNameLeavesUnknownOnesAndNeverEvaluatesTheText() {
        String filled = Placeholders.fill("{{contact.first_name}} / {{ contact.name }} / {{INVOICE.NUMBER}} / "
                + "{{invoice.name}} / {{invoice.total}} / {{invoice.amount_due}} / {{invoice.amount_paid}} / "
                + "{{invoice.late_fees}} / {{invoice.issue_date}} / {{invoice.due_date}} / {{invoice.url}} / "
                + "{{contact.email}} / {{location.name}} / {{business.name}} / {{invoice.nope}} / ${7*7} [[${invoice}]] $1 \\",
                invoice, false);
        assertThat(filled).isEqualTo("Zoë / Zoë Παπαδοπούλου / INV-0019 / Kitchen remodel / $1,063.43 / $1,000.00 / "
                + "$63.43 /  / Jan 1, 2023 / Jan 31, 2023 / http://localhost:8080/i/Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHh4eHh4eHh4eHg"
                + " / zoe@example.com / Acme Plumbing & Heating / Acme Plumbing & Heating / {{invoice.nope}} / ${7*7} [[${invoice}]] $1 \\");
    }

    @Test
    void aSubjectIsOneLineAndTextKeepsItsLineBreaksButNoControlCharacters() {
        assertThat(Placeholders.fill(" Due\r\nBcc: x@evil.example\u0007 {{invoice.number}} ", invoice, true))
                .isEqualTo("Due Bcc: x@evil.example INV-0019");
        assertThat(Placeholders.fill("Hi,\n\u0000{{invoice.number}}\n", invoice, false)).isEqualTo("Hi,\nINV-0019");
        assertThat(Placeholders.fill(null, invoice, true)).isNull();
    }

    @Test
    void theReminderEmailShowsTheMessageEscapedInPlaceOfTheGreeting() {
        InvoiceRenderer renderer = new InvoiceRenderer();
        RenderedEmail email = renderer.reminderEmail(invoice, InvoiceRenderer.PaperSize.A4, "Pay <now>",
                "Hi <b>Zoë</b> & co,\nline two");
        assertThat(email.subject()).isEqualTo("Pay <now>");
        assertThat(email.html()).contains("Hi &lt;b&gt;Zoë&lt;/b&gt; &amp; co,\nline two").doesNotContain("<b>Zoë")
                .doesNotContain("Hello Zoë").contains("<title>Pay &lt;now&gt;</title>");
        assertThat(email.text()).startsWith("Hi <b>Zoë</b> & co,\nline two\n").doesNotContain("Hello ")
                .contains("Amount due:  $1,000.00");
        assertThat(email.pdf()).isNotEmpty();

        RenderedEmail plain = renderer.reminderEmail(invoice, InvoiceRenderer.PaperSize.A4, "Reminder", null);
        assertThat(plain.text()).startsWith("Hello Zoë Παπαδοπούλου,").contains("has sent you invoice INV-0019");
    }
}
