package dev.remit.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The rules that lived outside the aggregate: provider payments, the invoice number, typed auto-payment. */
class InvoiceRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");

    private static Invoice draft(String amount) {
        LineItem item = new LineItem("i", "Work", null, null, null, "USD", new BigDecimal(amount), BigDecimal.ONE,
                List.of(), null, null, "one_time", false);
        InvoiceContent content = new InvoiceContent("n", "INVOICE", "USD", LocalDate.of(2026, 1, 10), null,
                List.of(item), null, null, null, false, false, null, null, null, null, null, null, null);
        return Invoice.draft("id", "loc", "7", "token", content, NOW);
    }

    @Test
    void aProviderPaymentNeedsAnOpenInvoiceItsCurrencyAndNoMoreThanIsDue() {
        Invoice invoice = draft("100");
        assertThat(invoice.takesProviderPayment(new BigDecimal("10"), "USD")).as("draft").isFalse();
        invoice.markSent(NOW, null, null);
        assertThat(invoice.takesProviderPayment(new BigDecimal("10"), "USD")).isTrue();
        assertThat(invoice.takesProviderPayment(new BigDecimal("10"), "EUR")).as("another currency").isFalse();
        assertThat(invoice.takesProviderPayment(new BigDecimal("100.01"), "USD")).as("more than is due").isFalse();
        assertThat(invoice.takesProviderPayment(BigDecimal.ZERO, "USD")).isFalse();
        invoice.acceptPayment(new BigDecimal("100"), NOW);
        assertThat(invoice.takesProviderPayment(new BigDecimal("0.01"), "USD")).as("paid").isFalse();

        Invoice voided = draft("100");
        voided.markSent(NOW, null, null);
        voided.voidInvoice(false, NOW);
        assertThat(voided.takesProviderPayment(new BigDecimal("10"), "USD")).as("void").isFalse();
    }

    @Test
    void theNumberIsFixedAtCreation() {
        Invoice invoice = draft("100");
        assertThat(invoice.numberChangeProblem(null)).isNull();
        assertThat(invoice.numberChangeProblem("7")).isNull();
        assertThat(invoice.numberChangeProblem("8")).isEqualTo("cannot be changed once the invoice exists");
        assertThatThrownBy(() -> invoice.revise(invoice.content(), "8", NOW)).isInstanceOf(InvoiceRuleException.class)
                .hasMessage("invoiceNumber cannot be changed once the invoice exists");
        invoice.revise(invoice.content(), "7", NOW);
    }

    @Test
    void autoPaymentIsTyped() {
        Invoice invoice = draft("100");
        assertThat(invoice.automaticPayment()).isNull();
        invoice.markSent(NOW, null, JsonMapper.builder().build().readTree("""
                {"enable": true, "type": "card", "cardId": "pm_1", "customerId": "cus_1"}"""));
        AutoPayment auto = invoice.automaticPayment();
        assertThat(auto.enable()).isTrue();
        assertThat(auto.paymentMethodId()).as("the older cardId").isEqualTo("pm_1");
        assertThat(auto.customerId()).isEqualTo("cus_1");
        assertThat(auto.type()).isEqualTo("card");
        invoice.markSent(NOW, null, JsonMapper.builder().build().readTree("{\"enable\": false}"));
        assertThat(invoice.automaticPayment()).isNull();
    }
}
