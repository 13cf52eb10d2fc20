package dev.remit.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class AccountNumbersTest {

    @Test
    void cardNumbersAreFoundHoweverTheyAreWritten() {
        assertThat(AccountNumbers.looksLikeAccountNumber("4242424242424242")).isTrue();
        assertThat(AccountNumbers.looksLikeAccountNumber("card 4242 4242 4242 4242 exp 12/30")).isTrue();
        assertThat(AccountNumbers.looksLikeAccountNumber("4242-4242-4242-4242")).isTrue();
        assertThat(AccountNumbers.looksLikeAccountNumber("3782 822463 10005")).as("Amex").isTrue();
        assertThat(AccountNumbers.looksLikeAccountNumber("pm_4000056655665556")).isTrue();
    }

    @Test
    void ibansAreFound() {
        assertThat(AccountNumbers.looksLikeAccountNumber("DE89370400440532013000")).isTrue();
        assertThat(AccountNumbers.looksLikeAccountNumber("GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(AccountNumbers.looksLikeAccountNumber("DE89370400440532013001")).as("bad check digits").isFalse();
    }

    @Test
    void idsThatHappenToHoldALuhnValidDigitRunAreNotCards() {
        // a 24-hex id around the Visa test number: the digits are part of the id
        assertThat(AccountNumbers.looksLikeAccountNumber("6b4242424242424242abcdef")).isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("user 4242424242424242 here")).isTrue();
    }

    @Test
    void ordinaryValuesPass() {
        assertThat(AccountNumbers.looksLikeAccountNumber("4242424242424241")).as("not Luhn-valid").isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("6578278e879ad2646715ba9c")).isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("+1-214-559-6993")).isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("2026-11-24 2026-12-24 2026-01-01")).isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("12345678901234567890123")).as("too long for a card").isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("4242")).isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("cus_PMHmG7bK1d2WbS")).isFalse();
    }

    @Test
    void thePathIsNamedNeverTheValue() {
        var body = JsonMapper.builder().build().readTree(
                "{\"autoPayment\":{\"card\":{\"brand\":\"visa\",\"last4\":\"4242\"},\"notes\":[\"ok\",4242424242424242]}}");
        assertThat(AccountNumbers.find(body)).containsExactly("autoPayment.notes.1");
    }
}
