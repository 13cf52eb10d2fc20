package dev.remit.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class PaymentRulesTest {

    @Test
    void stripeMinorUnitsFollowTheCurrency() {
        assertThat(StripeAmounts.toMinor(new BigDecimal("123.45"), "USD")).isEqualTo(12345);
        assertThat(StripeAmounts.toMinor(new BigDecimal("5000"), "JPY")).isEqualTo(5000);
        assertThat(StripeAmounts.toMinor(new BigDecimal("5000"), "KRW")).isEqualTo(5000);
        assertThat(StripeAmounts.toMinor(new BigDecimal("1.234"), "KWD")).isEqualTo(1234);
        assertThat(StripeAmounts.toMinor(new BigDecimal("1500"), "ISK")).isEqualTo(150000); // Stripe: two decimals
        assertThat(StripeAmounts.fromMinor(12345, "USD")).isEqualByComparingTo("123.45");
        assertThat(StripeAmounts.fromMinor(5000, "JPY")).isEqualByComparingTo("5000");
        assertThatThrownBy(() -> StripeAmounts.toMinor(new BigDecimal("1.005"), "USD")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aScheduleAsksForTheNextInstallment() {
        Currency usd = Currency.getInstance("USD");
        var percent = new PayableInvoice.PaymentSchedule("percentage", List.of("30", "30", "40"));
        assertThat(percent.nextInstallment(new BigDecimal("1000"), BigDecimal.ZERO, usd)).isEqualByComparingTo("300");
        assertThat(percent.nextInstallment(new BigDecimal("1000"), new BigDecimal("300"), usd)).isEqualByComparingTo("300");
        assertThat(percent.nextInstallment(new BigDecimal("1000"), new BigDecimal("100"), usd)).isEqualByComparingTo("200");
        assertThat(percent.nextInstallment(new BigDecimal("1000"), new BigDecimal("600"), usd)).isEqualByComparingTo("400");
        // thirds of 100.00: the last installment takes the rounding
        var thirds = new PayableInvoice.PaymentSchedule("percentage", List.of("33.3333", "33.3333", "33.3334"));
        assertThat(thirds.nextInstallment(new BigDecimal("100"), BigDecimal.ZERO, usd)).isEqualByComparingTo("33.33");
        assertThat(thirds.nextInstallment(new BigDecimal("100"), new BigDecimal("66.67"), usd)).isEqualByComparingTo("33.33");
        var fixed = new PayableInvoice.PaymentSchedule("fixed", List.of("250", "250"));
        assertThat(fixed.nextInstallment(new BigDecimal("600"), new BigDecimal("250"), usd)).isEqualByComparingTo("350");
        var unreadable = new PayableInvoice.PaymentSchedule("fixed", List.of("6578278e879ad2646715ba9c"));
        assertThat(unreadable.nextInstallment(new BigDecimal("600"), new BigDecimal("100"), usd)).isEqualByComparingTo("500");
    }

    @Test
    void aScheduleEntryBeyondTheNumberBoundsIsNotANumber() {
        Currency usd = Currency.getInstance("USD");
        // ids that read as numbers with huge exponents: adding them up would build numbers of millions of digits
        for (String entry : List.of("6578278e87964671", "1e1000000000", "1e-1000000000", "1" + "0".repeat(200))) {
            var schedule = new PayableInvoice.PaymentSchedule("fixed", List.of(entry, "1"));
            var percent = new PayableInvoice.PaymentSchedule("percentage", List.of(entry, "1"));
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
                assertThat(schedule.nextInstallment(new BigDecimal("600"), new BigDecimal("100"), usd)).isEqualByComparingTo("500");
                assertThat(percent.nextInstallment(new BigDecimal("600"), new BigDecimal("100"), usd)).isEqualByComparingTo("500");
            });
        }
    }

    @Test
    void theStoredAutoPaymentBecomesASavedPaymentMethod() {
        var json = JsonMapper.builder().build();
        AutoPaymentSetup card = AutoPaymentSetup.from(json.readTree("""
                {"enable":true,"type":"card","paymentMethodId":"pm_1","customerId":"cus_1","card":{"brand":"visa","last4":"4242"}}"""));
        assertThat(card.method()).isEqualTo(new AutoPaymentSetup.Card("visa", "4242"));
        assertThat(card.method().stripeType()).isEqualTo("card");
        AutoPaymentSetup sepa = AutoPaymentSetup.from(json.readTree("""
                {"enable":true,"cardId":"pm_2","customerId":"cus_2","sepaDirectDebit":{"bank_code":"370400","last4":"3000","branch_code":""}}"""));
        assertThat(sepa.paymentMethodId()).isEqualTo("pm_2");
        assertThat(sepa.method()).isInstanceOf(AutoPaymentSetup.SepaDebit.class);
        assertThat(sepa.method().stripeType()).isEqualTo("sepa_debit");
        assertThat(AutoPaymentSetup.from(json.readTree("{\"enable\":false,\"paymentMethodId\":\"pm\",\"customerId\":\"c\"}"))).isNull();
        assertThat(AutoPaymentSetup.from(json.readTree("{\"enable\":true,\"customerId\":\"c\"}"))).isNull();
        assertThat(AutoPaymentSetup.from(null)).isNull();
        // The seed's request fills in every variant; its type says which one is meant.
        String seed = """
                {"enable": true, "type": "%s", "paymentMethodId": "pm_seed", "customerId": "cus_seed",
                 "card": {"brand": "visa", "last4": "4242"},
                 "usBankAccount": {"bank_name": "STRIPE TEST BANK", "last4": "6789"},
                 "sepaDirectDebit": {"bank_code": "37040044", "last4": "3000", "branch_code": ""},
                 "bacsDirectDebit": {"sort_code": "108800", "last4": "2345"},
                 "becsDirectDebit": {"bsb_number": "000000", "last4": "3456"},
                 "cardId": "card_seed", "provider": {}}""";
        AutoPaymentSetup seedCard = AutoPaymentSetup.from(json.readTree(seed.formatted("card")));
        assertThat(seedCard.method()).isEqualTo(new AutoPaymentSetup.Card("visa", "4242"));
        assertThat(seedCard.paymentMethodId()).isEqualTo("pm_seed");
        assertThat(AutoPaymentSetup.from(json.readTree(seed.formatted("us_bank_account"))).method())
                .isEqualTo(new AutoPaymentSetup.UsBankAccount("STRIPE TEST BANK", "6789"));
        assertThat(AutoPaymentSetup.from(json.readTree(seed.formatted("bacs_debit"))).method().stripeType())
                .isEqualTo("bacs_debit");
    }

    @Test
    void secretsAreSealedWithAFreshNonce() {
        SecretBox box = new SecretBox(StripeStub.SECRET_KEY);
        String a = box.encrypt("sk_test_x", "ctx");
        String b = box.encrypt("sk_test_x", "ctx");
        assertThat(a).isNotEqualTo(b).startsWith("v1:").doesNotContain("sk_test_x");
        assertThat(box.decrypt(a, "ctx")).isEqualTo("sk_test_x");
        assertThatThrownBy(() -> box.decrypt(a, "other")).hasMessageContaining("could not be decrypted");
        assertThatThrownBy(() -> new SecretBox("").encrypt("x", "ctx")).hasMessageContaining("REMIT_SECRET_KEY");
    }
}
