package dev.remit.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.JsonNodeFactory;

/** The aggregate's transitions, without a database. */
class InvoiceTest {

    private static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");

    private static InvoiceContent content(String amount) {
        LineItem item = new LineItem("i", "Work", null, null, null, "USD", new BigDecimal(amount), BigDecimal.ONE,
                List.of(), null, null, "one_time", false);
        return new InvoiceContent("n", "INVOICE", "USD", LocalDate.of(2026, 1, 10), null, List.of(item), null, null,
                null, false, false, null, null, null, null, null, null, null);
    }

    private static Invoice draft(String amount) {
        return Invoice.draft("id", "loc", "1", "token", content(amount), NOW);
    }

    @Test
    void markSentMovesADraftToSentAndStoresLiveModeAndAutoPayment() {
        Invoice invoice = draft("100");
        var auto = JsonNodeFactory.instance.objectNode().put("enable", true);
        assertThat(invoice.markSent(NOW, true, auto)).isEqualTo(Invoice.SendKind.FIRST);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.SENT);
        assertThat(invoice.content().liveMode()).isTrue();
        assertThat(invoice.autoPayment().path("enable").asBoolean()).isTrue();
        assertThat(invoice.sentAt()).isEqualTo(NOW);
        assertThat(invoice.markSent(NOW, null, null)).isEqualTo(Invoice.SendKind.AGAIN);
        invoice.acceptPayment(new BigDecimal("40"), NOW);
        assertThat(invoice.markSent(NOW, null, null)).isEqualTo(Invoice.SendKind.AGAIN);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
        invoice.acceptPayment(null, NOW);
        assertThat(invoice.markSent(NOW, null, null)).isEqualTo(Invoice.SendKind.COPY);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
    }

    @Test
    void aVoidInvoiceOrOneWithNothingToPayCannotBeSent() {
        Invoice invoice = draft("100");
        invoice.markSent(NOW, null, null);
        invoice.voidInvoice(false, NOW);
        assertThatThrownBy(() -> invoice.markSent(NOW, null, null)).isInstanceOf(InvoiceRuleException.class)
                .hasMessage("A void invoice cannot be sent");
        assertThatThrownBy(() -> draft("0").markSent(NOW, null, null)).isInstanceOf(InvoiceRuleException.class)
                .hasMessage("The invoice has nothing to pay: its total is 0");
    }

    @Test
    void revisionCannotTakeTheTotalBelowWhatWasPaid() {
        Invoice invoice = draft("100");
        invoice.acceptPayment(new BigDecimal("60"), NOW);
        assertThatThrownBy(() -> invoice.revise(content("50"), NOW)).isInstanceOf(InvoiceRuleException.class)
                .hasMessage("The invoice total (50.00) cannot be less than the amount already paid (60.00)");
        invoice.revise(content("60"), NOW);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(invoice.amountDue().signum()).isZero();
    }

    @Test
    void paymentsAreCheckedAgainstTheCurrencysScaleAndWhatIsDue() {
        Invoice invoice = draft("100");
        assertThatThrownBy(() -> invoice.acceptPayment(new BigDecimal("0.001"), NOW))
                .hasMessage("amount must have at most 2 decimal places for USD");
        assertThatThrownBy(() -> invoice.acceptPayment(new BigDecimal("100.01"), NOW))
                .hasMessage("amount (100.01) must not be greater than the amount due (100.00)");
        assertThatThrownBy(() -> invoice.acceptPayment(BigDecimal.ZERO, NOW)).hasMessage("amount must be a positive number");
        assertThat(invoice.acceptPayment(new BigDecimal("99.99"), NOW)).isEqualByComparingTo("99.99");
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
        assertThat(invoice.acceptPayment(null, NOW)).isEqualByComparingTo("0.01");
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
    }

    @Test
    void voidAndDeleteRules() {
        assertThatThrownBy(() -> draft("1").voidInvoice(false, NOW)).isInstanceOf(InvoiceRuleException.class)
                .extracting(e -> ((InvoiceRuleException) e).kind()).isEqualTo(InvoiceRuleException.Kind.BAD_REQUEST);
        Invoice sent = draft("10");
        sent.markSent(NOW, null, null);
        assertThatThrownBy(sent::requireDeletable).hasMessage("Invoice status need to be draft to delete an invoice");
        assertThatThrownBy(() -> sent.voidInvoice(true, NOW)).hasMessageStartingWith("To void an invoice which has");
        sent.acceptPayment(new BigDecimal("5"), NOW);
        sent.voidInvoice(false, NOW);
        assertThat(sent.status()).isEqualTo(InvoiceStatus.VOID);
        draft("1").requireDeletable();
    }
}
