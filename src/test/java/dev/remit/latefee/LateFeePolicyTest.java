package dev.remit.latefee;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.remit.latefee.LateFeePolicy.Applied;
import dev.remit.latefee.LateFeePolicy.Fee;
import dev.remit.latefee.LateFeePolicy.Plan;
import tools.jackson.databind.ObjectMapper;

/** The accrual rule of docs/late-fees.md, case by case and over seeded random schedules. */
class LateFeePolicyTest {

    static final Currency USD = Currency.getInstance("USD");
    static final Currency JPY = Currency.getInstance("JPY");
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final LocalDate DUE = LocalDate.of(2031, 3, 10);
    /** 2031-03-11T00:00 in Chicago (CDT since 2031-03-09). */
    static final Instant FIRST = Instant.parse("2031-03-11T05:00:00Z");

    static LateFeeRule fixed(String value, TemporalAmount every, int grace, String cap) {
        return new LateFeeRule(LateFeeRule.Kind.FIXED, new BigDecimal(value), every, grace,
                cap == null ? null : new BigDecimal(cap));
    }

    static LateFeeRule percent(String value, TemporalAmount every, int grace, String cap) {
        return new LateFeeRule(LateFeeRule.Kind.PERCENTAGE, new BigDecimal(value), every, grace,
                cap == null ? null : new BigDecimal(cap));
    }

    static Plan plan(LateFeeRule rule, Applied applied, String due, Instant now) {
        return LateFeePolicy.plan(rule, DUE, CHICAGO, null, applied, new BigDecimal(due), USD, now, 1000);
    }

    @Test
    void nothingIsDueOnTheDueDateItself() {
        Plan plan = plan(fixed("10", Period.ofDays(1), 0, null), Applied.none(), "100", FIRST.minusSeconds(1));
        assertThat(plan.fees()).isEmpty();
        assertThat(plan.next()).isEqualTo(FIRST);
    }

    @Test
    void theFirstFeeIsDueTheSecondTheDueDayEndsInTheLocationsZone() {
        Plan plan = plan(fixed("10", Period.ofDays(1), 0, null), Applied.none(), "100", FIRST);
        assertThat(plan.fees()).containsExactly(new Fee(1, FIRST, new BigDecimal("10.00")));
        assertThat(plan.next()).isEqualTo(Instant.parse("2031-03-12T05:00:00Z"));
    }

    @Test
    void graceDaysPushTheFirstFee() {
        Plan plan = plan(fixed("10", Period.ofDays(1), 3, null), Applied.none(), "100", FIRST);
        assertThat(plan.fees()).isEmpty();
        assertThat(plan.next()).isEqualTo(Instant.parse("2031-03-14T05:00:00Z"));
    }

    @Test
    void aPercentageIsOfTheAmountThenDueRoundedHalfUp() {
        // 1.5 % of 100.30 = 1.5045 -> 1.50; then 1.5 % of 101.80 = 1.527 -> 1.53
        Plan plan = plan(percent("1.5", Period.ofDays(1), 0, null), Applied.none(), "100.30",
                Instant.parse("2031-03-12T05:00:00Z"));
        assertThat(plan.fees()).extracting(Fee::amount).containsExactly(new BigDecimal("1.50"), new BigDecimal("1.53"));
        // 2.5 % of 0.10 USD = 0.0025 -> 0.00: nothing to apply, and nothing more
        Plan tiny = plan(percent("2.5", Period.ofDays(1), 0, null), Applied.none(), "0.10", FIRST);
        assertThat(tiny.fees()).isEmpty();
        // JPY has no minor unit: 3 % of 1010 = 30.3 -> 30
        Plan yen = LateFeePolicy.plan(percent("3", null, 0, null), DUE, CHICAGO, null, Applied.none(),
                new BigDecimal("1010"), JPY, FIRST, 10);
        assertThat(yen.fees()).extracting(Fee::amount).containsExactly(new BigDecimal("30"));
    }

    @Test
    void oneTimeAppliesOneFeeInAll() {
        Plan plan = plan(fixed("25", null, 0, null), Applied.none(), "100", FIRST.plus(Duration.ofDays(40)));
        assertThat(plan.fees()).hasSize(1);
        assertThat(plan.next()).isNull();
        Plan after = plan(fixed("25", null, 0, null), new Applied(1, new BigDecimal("25"), FIRST), "125",
                FIRST.plus(Duration.ofDays(80)));
        assertThat(after.fees()).isEmpty();
        assertThat(after.next()).isNull();
    }

    @Test
    void missedIntervalsAreCaughtUpOneFeePerIntervalNotMultiplied() {
        // three days of downtime, then the job runs 6 hours into the fourth day
        Instant now = FIRST.plus(Duration.ofDays(2)).plus(Duration.ofHours(6));
        Plan plan = plan(fixed("10", Period.ofDays(1), 0, null), Applied.none(), "100", now);
        assertThat(plan.fees()).extracting(Fee::sequence).containsExactly(1, 2, 3);
        assertThat(plan.fees()).extracting(Fee::dueAt).containsExactly(FIRST, Instant.parse("2031-03-12T05:00:00Z"),
                Instant.parse("2031-03-13T05:00:00Z"));
        assertThat(plan.next()).isEqualTo(Instant.parse("2031-03-14T05:00:00Z"));
        // run again at the same time, with those applied: nothing more
        Plan again = plan(fixed("10", Period.ofDays(1), 0, null),
                new Applied(3, new BigDecimal("30"), Instant.parse("2031-03-13T05:00:00Z")), "130", now);
        assertThat(again.fees()).isEmpty();
        assertThat(again.next()).isEqualTo(Instant.parse("2031-03-14T05:00:00Z"));
    }

    @Test
    void everyFrequencyStepsByItsInterval() {
        Instant now = FIRST.plus(Duration.ofMinutes(45));
        assertThat(plan(fixed("1", Duration.ofMinutes(15), 0, null), Applied.none(), "100", now).fees()).hasSize(4);
        assertThat(plan(fixed("1", Duration.ofHours(2), 0, null), Applied.none(), "100",
                FIRST.plus(Duration.ofHours(5))).fees()).hasSize(3);
        assertThat(plan(fixed("1", Period.ofWeeks(1), 0, null), Applied.none(), "100",
                FIRST.plus(Duration.ofDays(14))).fees()).hasSize(3);
        Plan months = plan(fixed("1", Period.ofMonths(1), 0, null), Applied.none(), "100",
                Instant.parse("2031-06-11T05:00:00Z"));
        assertThat(months.fees()).extracting(Fee::dueAt).containsExactly(FIRST, Instant.parse("2031-04-11T05:00:00Z"),
                Instant.parse("2031-05-11T05:00:00Z"), Instant.parse("2031-06-11T05:00:00Z"));
    }

    @Test
    void dailyFeesKeepLocalMidnightAcrossADaylightSavingChange() {
        LocalDate due = LocalDate.of(2031, 11, 1); // Chicago leaves CDT on 2031-11-02
        Plan plan = LateFeePolicy.plan(fixed("1", Period.ofDays(1), 0, null), due, CHICAGO, null, Applied.none(),
                new BigDecimal("100"), USD, Instant.parse("2031-11-04T12:00:00Z"), 10);
        assertThat(plan.fees()).extracting(Fee::dueAt).containsExactly(Instant.parse("2031-11-02T05:00:00Z"),
                Instant.parse("2031-11-03T06:00:00Z"), Instant.parse("2031-11-04T06:00:00Z"));
    }

    @Test
    void theCapCutsTheFeeThatReachesItAndStopsThere() {
        Plan plan = plan(fixed("10", Period.ofDays(1), 0, "25"), Applied.none(), "100", FIRST.plus(Duration.ofDays(9)));
        assertThat(plan.fees()).extracting(Fee::amount).containsExactly(new BigDecimal("10.00"),
                new BigDecimal("10.00"), new BigDecimal("5.00"));
        assertThat(plan.next()).isNull();
        Plan capped = plan(fixed("10", Period.ofDays(1), 0, "25"),
                new Applied(3, new BigDecimal("25"), FIRST.plus(Duration.ofDays(2))), "125", FIRST.plus(Duration.ofDays(20)));
        assertThat(capped.fees()).isEmpty();
        assertThat(capped.next()).isNull();
    }

    @Test
    void feesStartWhenTheRuleTookEffectIfThatIsLater() {
        Instant configured = FIRST.plus(Duration.ofDays(5)).plus(Duration.ofHours(3));
        Plan plan = LateFeePolicy.plan(fixed("10", Period.ofDays(1), 0, null), DUE, CHICAGO, configured,
                Applied.none(), new BigDecimal("100"), USD, configured.plus(Duration.ofHours(25)), 10);
        assertThat(plan.fees()).extracting(Fee::dueAt).containsExactly(configured, configured.plus(Duration.ofDays(1)));
    }

    @Test
    void nothingIsDueWhenNothingIsOwed() {
        Plan plan = plan(fixed("10", Period.ofDays(1), 0, null), Applied.none(), "0", FIRST.plus(Duration.ofDays(3)));
        assertThat(plan.fees()).isEmpty();
        assertThat(plan.next()).isNull();
    }

    @Test
    void theRuleIsReadFromHighLevelsConfiguration() {
        ObjectMapper json = new ObjectMapper();
        LateFeeRule rule = LateFeeRule.from(json.readTree("""
                {"enable": true, "value": 2.5, "type": "percentage", "frequency": {"intervalCount": 2, "interval": "week"},
                 "grace": {"intervalCount": 3, "interval": "day"}, "maxLateFees": {"type": "fixed", "value": 40}}""")).orElseThrow();
        assertThat(rule).isEqualTo(new LateFeeRule(LateFeeRule.Kind.PERCENTAGE, new BigDecimal("2.5"), Period.ofWeeks(2), 3,
                new BigDecimal("40")));
        assertThat(LateFeeRule.from(json.readTree("""
                {"enable": false, "value": 2, "type": "fixed", "frequency": {"intervalCount": 1, "interval": "day"}}""")))
                .isEmpty();
        assertThat(LateFeeRule.from(json.readTree("""
                {"enable": true, "value": 2, "type": "fixed", "frequency": {"intervalCount": 1, "interval": "one_time"}}""")))
                .get().extracting(LateFeeRule::once).isEqualTo(true);
    }

    /**
     * Over seeded random rules and run times: applying the plan in pieces (a job that runs at random
     * moments, with catch-up limits) gives exactly the fees of one plan at the end; no fee is due
     * before its time, they are numbered 1..n, the cap is never passed.
     */
    @Test
    void runningInPiecesAppliesExactlyWhatOneRunWould() {
        Random random = new Random(Long.getLong("remit.properties.seed", 20261128L));
        List<TemporalAmount> everies = new ArrayList<>(List.of(Duration.ofMinutes(7), Duration.ofHours(5), Period.ofDays(1),
                Period.ofWeeks(1), Period.ofMonths(1)));
        everies.add(null);
        for (int round = 0; round < 500; round++) {
            TemporalAmount every = everies.get(random.nextInt(everies.size()));
            String cap = random.nextBoolean() ? null : Integer.toString(1 + random.nextInt(200));
            LateFeeRule rule = random.nextBoolean() ? fixed(Integer.toString(1 + random.nextInt(30)), every, random.nextInt(4), cap)
                    : percent(random.nextInt(500) / 100.0 + 0.5 + "", every, random.nextInt(4), cap);
            Instant end = FIRST.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 90)));
            BigDecimal start = BigDecimal.valueOf(1000 + random.nextInt(100_000), 2);

            Plan whole = LateFeePolicy.plan(rule, DUE, CHICAGO, null, Applied.none(), start, USD, end, 100_000);

            List<Fee> applied = new ArrayList<>();
            BigDecimal sum = BigDecimal.ZERO;
            Instant now = FIRST.minus(Duration.ofHours(1));
            while (now.isBefore(end)) {
                Instant lastDue = applied.isEmpty() ? null : applied.get(applied.size() - 1).dueAt();
                Plan some = LateFeePolicy.plan(rule, DUE, CHICAGO, null, new Applied(applied.size(), sum, lastDue),
                        start.add(sum), USD, now, 1 + random.nextInt(5));
                for (Fee fee : some.fees()) {
                    assertThat(fee.dueAt()).isBeforeOrEqualTo(now);
                    applied.add(fee);
                    sum = sum.add(fee.amount());
                }
                Instant step = now.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 10)));
                now = step.isAfter(end) ? end : step;
            }
            // one more run at the end, in case the loop's last run was before it
            Instant lastDue = applied.isEmpty() ? null : applied.get(applied.size() - 1).dueAt();
            while (true) {
                Plan more = LateFeePolicy.plan(rule, DUE, CHICAGO, null, new Applied(applied.size(), sum, lastDue),
                        start.add(sum), USD, end, 3);
                if (more.fees().isEmpty()) {
                    break;
                }
                for (Fee fee : more.fees()) {
                    applied.add(fee);
                    sum = sum.add(fee.amount());
                    lastDue = fee.dueAt();
                }
            }
            assertThat(applied).as("round %d, rule %s", round, rule).isEqualTo(whole.fees());
            for (int i = 0; i < applied.size(); i++) {
                assertThat(applied.get(i).sequence()).isEqualTo(i + 1);
            }
            if (rule.cap() != null) {
                assertThat(sum).isLessThanOrEqualTo(rule.cap());
            }
            if (rule.once()) {
                assertThat(applied.size()).isLessThanOrEqualTo(1);
            }
        }
    }
}
