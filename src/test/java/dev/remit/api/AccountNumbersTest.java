package dev.remit.api;

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
    void runsThatNoCardCanBeArePassed() {
        // each of these is Luhn-valid, so a bare "Luhn-valid run of 13 to 19 digits" would refuse it
        assertThat(AccountNumbers.luhn("1767225600140")).isTrue();
        assertThat(AccountNumbers.looksLikeAccountNumber("<1234.1.1767225600140.JavaMail@remit>"))
                .as("a time in milliseconds").isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("+4915112345603")).as("a phone number in E.164").isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("EAN 4006381333924")).as("a product code").isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("ISBN 9780306406164")).isFalse();
        assertThat(AccountNumbers.looksLikeAccountNumber("0004242424242424242")).as("no card begins with 0").isFalse();
        // and cards still are found: Stripe's 13-digit Visa and a UATP card
        assertThat(AccountNumbers.looksLikeAccountNumber("4222222222222")).isTrue();
        assertThat(AccountNumbers.looksLikeAccountNumber("135410014004955")).as("UATP").isTrue();
    }

    @Test
    void numbersAreReadAsTheirDigitsWithoutExpandingHugeOnes() {
        var mapper = JsonMapper.builder().enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        assertThat(AccountNumbers.find(mapper.readTree("{\"a\":4242424242424242.0,\"b\":4.242424242424242e15}")))
                .containsExactly("a", "b");
        assertThat(AccountNumbers.find(mapper.readTree("{\"a\":1e1000000,\"b\":123456789012345678901234567890}"))).isEmpty();
    }

    @Test
    void thePathIsNamedNeverTheValue() {
        var body = JsonMapper.builder().build().readTree(
                "{\"autoPayment\":{\"card\":{\"brand\":\"visa\",\"last4\":\"4242\"},\"notes\":[\"ok\",4242424242424242]}}");
        assertThat(AccountNumbers.find(body)).containsExactly("autoPayment.notes.1");
    }
}
