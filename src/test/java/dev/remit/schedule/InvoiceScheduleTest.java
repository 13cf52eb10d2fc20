package dev.remit.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.remit.api.ApiException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The aggregate's statuses and transitions, without a server. */
class InvoiceScheduleTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2031-03-03T15:00:00Z");

    static InvoiceSchedule draft() {
        ObjectNode content = JSON.createObjectNode().put("name", "Retainer");
        return InvoiceSchedule.draft("6b0a00000000000000000001", "6b0a00000000000000000002", "Retainer", false, "USD",
                BigDecimal.TEN, content, JSON.createObjectNode(), NOW);
    }

    static Optional<ScheduleTiming.Occurrence> at(String local) {
        LocalDateTime t = LocalDateTime.parse(local);
        return Optional.of(new ScheduleTiming.Occurrence(t, NOW.plusSeconds(3600), t.toLocalDate(), t.toLocalDate()));
    }

    @Test
    void draftToActiveToCompleted() {
        InvoiceSchedule s = draft();
        assertThat(s.status()).isEqualTo(ScheduleStatus.DRAFT);
        s.activate(true, null, at("2031-04-01T09:00"), NOW);
        assertThat(s.status()).isEqualTo(ScheduleStatus.ACTIVE);
        assertThat(s.awaits("2031-04-01T09:00")).isTrue();
        s.generated(at("2031-04-01T09:00").get(), at("2031-05-01T09:00"), NOW);
        assertThat(s.awaits("2031-04-01T09:00")).isFalse();
        assertThat(s.awaits("2031-05-01T09:00")).isTrue();
        s.generated(at("2031-05-01T09:00").get(), Optional.empty(), NOW);
        assertThat(s.status()).isEqualTo(ScheduleStatus.COMPLETED);
        assertThat(s.nextOccurrence()).isNull();
        assertThatThrownBy(() -> s.cancel(NOW)).isInstanceOf(ApiException.class)
                .hasMessage("A completed schedule cannot be cancelled");
        assertThatThrownBy(() -> s.activate(true, null, at("2031-06-01T09:00"), NOW)).isInstanceOf(ApiException.class);
    }

    @Test
    void anOccurrenceIsGeneratedOnceAndInOrder() {
        InvoiceSchedule s = draft();
        s.activate(false, null, at("2031-04-01T09:00"), NOW);
        s.generated(at("2031-04-01T09:00").get(), at("2031-05-01T09:00"), NOW);
        assertThatThrownBy(() -> s.generated(at("2031-04-01T09:00").get(), at("2031-05-01T09:00"), NOW))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> draft().generated(at("2031-04-01T09:00").get(), Optional.empty(), NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aScheduleWithoutAFutureOccurrenceCannotStart() {
        assertThatThrownBy(() -> draft().activate(false, null, Optional.empty(), NOW)).isInstanceOf(ApiException.class)
                .hasMessage("[schedule has no occurrence after now]");
    }

    @Test
    void cancelIsFinalAndIdempotent() {
        InvoiceSchedule s = draft();
        s.activate(false, null, at("2031-04-01T09:00"), NOW);
        s.cancel(NOW);
        assertThat(s.status()).isEqualTo(ScheduleStatus.CANCELLED);
        assertThat(s.awaits("2031-04-01T09:00")).isFalse();
        s.cancel(NOW);
        assertThat(s.status()).isEqualTo(ScheduleStatus.CANCELLED);
        assertThatThrownBy(() -> s.revise("x", false, "USD", BigDecimal.ONE, JSON.createObjectNode(), JSON.createObjectNode(),
                NOW)).hasMessage("A cancelled schedule cannot be updated");
        assertThatThrownBy(() -> s.changeAutoPayment(JSON.createObjectNode().put("enable", true), NOW))
                .hasMessage("A cancelled schedule cannot be changed");
    }

    @Test
    void anUpdateOfAnActiveSchedulePlansFromTheNewTimingAndCompletesWithoutOne() {
        InvoiceSchedule s = draft();
        s.activate(false, null, at("2031-04-01T09:00"), NOW);
        s.revise("New", true, "USD", BigDecimal.ONE, JSON.createObjectNode(), JSON.createObjectNode(), NOW);
        s.replan(at("2031-04-15T09:00"), NOW);
        assertThat(s.awaits("2031-04-15T09:00")).isTrue();
        s.replan(Optional.empty(), NOW);
        assertThat(s.status()).isEqualTo(ScheduleStatus.COMPLETED);
    }

    @Test
    void anOccurrenceWhoseTimeHasComeStaysPlannedThroughAnUpdateOrASecondScheduleCall() {
        InvoiceSchedule s = draft();
        s.activate(false, null, at("2031-04-01T09:00"), NOW);
        Instant due = s.nextRunAt();
        assertThat(s.occurrenceDue(due.minusMillis(1))).isFalse();
        assertThat(s.occurrenceDue(due)).isTrue();
        s.revise("New", true, "USD", BigDecimal.ONE, JSON.createObjectNode(), JSON.createObjectNode(), due.plusSeconds(5));
        s.replan(at("2031-04-15T09:00"), due.plusSeconds(5));
        assertThat(s.awaits("2031-04-01T09:00")).isTrue();
        s.replan(Optional.empty(), due.plusSeconds(5));
        assertThat(s.status()).isEqualTo(ScheduleStatus.ACTIVE);
        s.activate(true, null, Optional.empty(), due.plusSeconds(5));
        assertThat(s.awaits("2031-04-01T09:00")).isTrue();
        assertThat(s.liveMode()).isTrue();
        assertThat(s.awaited(java.time.ZoneOffset.UTC).get().key()).isEqualTo("2031-04-01T09:00");
        // a job that gave up skips it
        s.skip(at("2031-04-15T09:00"), due.plusSeconds(5));
        assertThat(s.awaits("2031-04-15T09:00")).isTrue();
        // before its time an update plans from the new timing
        s.replan(at("2031-04-20T09:00"), NOW);
        assertThat(s.awaits("2031-04-20T09:00")).isTrue();
    }

    @Test
    void autoPaymentIsSetAndClearedForFutureOccurrences() {
        InvoiceSchedule s = draft();
        s.changeAutoPayment(JSON.createObjectNode().put("enable", true).put("paymentMethodId", "pm_1"), NOW);
        assertThat(s.autoPayment().path("paymentMethodId").asString()).isEqualTo("pm_1");
        s.changeAutoPayment(JSON.createObjectNode().put("enable", false), NOW);
        assertThat(s.autoPayment()).isNull();
        assertThat(LocalDate.ofInstant(s.updatedAt(), java.time.ZoneOffset.UTC)).isEqualTo(LocalDate.of(2031, 3, 3));
    }
}
