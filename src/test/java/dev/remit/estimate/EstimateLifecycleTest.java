package dev.remit.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.remit.invoice.Discount;
import dev.remit.invoice.LineItem;
import tools.jackson.databind.node.JsonNodeFactory;

/** The estimate aggregate alone: every transition, its refusals, expiry in the location's zone, the history. */
class EstimateLifecycleTest {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    /** 2031-03-10 09:00 in Chicago. */
    static final Instant NOW = Instant.parse("2031-03-10T14:00:00Z");

    static EstimateContent content(LocalDate issue, LocalDate expiry) {
        LineItem line = new LineItem("6578278e879ad2646715ba01", "Labour", null, null, null, "USD",
                new BigDecimal("120.50"), new BigDecimal("3"), List.of(), null, null, "one_time", false);
        return new EstimateContent("Kitchen", "ESTIMATE", "USD", issue, expiry, List.of(line), Discount.none(), null,
                "EST-", false, false, null, JsonNodeFactory.instance.objectNode().put("name", "Alex"), null, null,
                new AutoInvoice(true, false), null, null, BigDecimal.ZERO, JsonNodeFactory.instance.objectNode(), null);
    }

    static Estimate draft(LocalDate expiry) {
        return Estimate.draft("6578278e879ad2646715ba9c", "6578278e879ad2646715ba9d", "1", "token",
                content(LocalDate.of(2031, 3, 1), expiry), "6578278e879ad2646715ba9e", NOW.minusSeconds(3600));
    }

    static Estimate sent(LocalDate expiry) {
        Estimate estimate = draft(expiry);
        estimate.markSent("6578278e879ad2646715ba9e", null, NOW.minusSeconds(60), CHICAGO);
        return estimate;
    }

    @Test
    void aSentEstimateIsViewedThenAcceptedOnceAndEveryStepIsInItsHistory() {
        Estimate estimate = sent(LocalDate.of(2031, 3, 31));
        assertThat(estimate.status()).isEqualTo(EstimateStatus.SENT);
        assertThat(estimate.totals().total()).isEqualByComparingTo("361.50");
        assertThat(estimate.recordVisit(NOW)).isTrue();
        assertThat(estimate.recordVisit(NOW.plusSeconds(1))).as("viewed once").isFalse();
        assertThat(estimate.visitCount()).isEqualTo(2);
        assertThat(estimate.status()).isEqualTo(EstimateStatus.VIEWED);

        assertThat(estimate.accept("  Alex Customer ", "data:image/png;base64,AAAA", EstimateAction.CUSTOMER, null,
                NOW.plusSeconds(2), CHICAGO)).isTrue();
        assertThat(estimate.status()).isEqualTo(EstimateStatus.ACCEPTED);
        assertThat(estimate.acceptedName()).isEqualTo("Alex Customer");
        assertThat(estimate.acceptedAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(estimate.acceptedSignature()).startsWith("data:image/png");
        // a second click: the same answer, nothing changed
        assertThat(estimate.accept("Someone Else", null, EstimateAction.CUSTOMER, null, NOW.plusSeconds(3), CHICAGO))
                .isFalse();
        assertThat(estimate.acceptedName()).isEqualTo("Alex Customer");
        assertThat(estimate.acceptedAt()).isEqualTo(NOW.plusSeconds(2));

        assertThat(estimate.history()).extracting(EstimateAction::action)
                .containsExactly("created", "sent", "viewed", "accepted");
        assertThat(estimate.history().get(3).actor()).isEqualTo("customer");
        assertThat(estimate.history().get(3).actorName()).isEqualTo("Alex Customer");
        assertThat(estimate.history().get(0).actorId()).isEqualTo("6578278e879ad2646715ba9e");
    }

    @Test
    void aDraftVisitIsCountedButLeavesItADraft() {
        Estimate estimate = draft(LocalDate.of(2031, 3, 31));
        assertThat(estimate.recordVisit(NOW)).isFalse();
        assertThat(estimate.status()).isEqualTo(EstimateStatus.DRAFT);
        assertThat(estimate.visitCount()).isEqualTo(1);
    }

    @Test
    void anEstimateMayBeAcceptedThroughItsExpiryDayInTheLocationsZoneAndNotAfter() {
        LocalDate expiry = LocalDate.of(2031, 3, 10);
        Instant lastMoment = expiry.plusDays(1).atStartOfDay(CHICAGO).toInstant().minusMillis(1);
        assertThat(lastMoment).isEqualTo(Instant.parse("2031-03-11T04:59:59.999Z"));
        Estimate inTime = sent(expiry);
        assertThat(inTime.isExpired(lastMoment, CHICAGO)).isFalse();
        assertThat(inTime.accept("Alex", null, EstimateAction.CUSTOMER, null, lastMoment, CHICAGO)).isTrue();

        Estimate late = sent(expiry);
        Instant expired = lastMoment.plusMillis(1);
        assertThat(late.expiresAt(CHICAGO)).isEqualTo(expired);
        assertThat(late.isExpired(expired, CHICAGO)).as("expired whether or not the job has run").isTrue();
        assertThatThrownBy(() -> late.accept("Alex", null, EstimateAction.CUSTOMER, null, expired, CHICAGO))
                .isInstanceOf(EstimateRuleException.class).hasMessage("An expired estimate cannot be accepted");
        assertThatThrownBy(() -> late.decline(null, EstimateAction.CUSTOMER, null, expired, CHICAGO))
                .hasMessage("An expired estimate cannot be declined");
        assertThat(late.status()).isEqualTo(EstimateStatus.SENT);
    }

    @Test
    void expireRecordsOnceOnlyWhenDueAndOnlyForOpenEstimates() {
        LocalDate expiry = LocalDate.of(2031, 3, 10);
        Estimate estimate = sent(expiry);
        Instant due = estimate.expiresAt(CHICAGO);
        assertThat(estimate.expire(due.minusMillis(1), CHICAGO)).as("not yet").isFalse();
        assertThat(estimate.expiredAt()).isNull();
        assertThat(estimate.expire(due, CHICAGO)).isTrue();
        assertThat(estimate.expire(due.plusSeconds(5), CHICAGO)).as("once").isFalse();
        assertThat(estimate.expiredAt()).isEqualTo(due);
        assertThat(estimate.status()).as("the status stays; expired shows beside it").isEqualTo(EstimateStatus.SENT);
        assertThat(estimate.history()).extracting(EstimateAction::action).endsWith("expired");
        assertThat(estimate.history().get(estimate.history().size() - 1).actor()).isEqualTo("system");
        assertThatThrownBy(() -> estimate.markSent(null, null, due.plusSeconds(10), CHICAGO))
                .hasMessageContaining("An expired estimate cannot be sent");

        Estimate accepted = sent(expiry);
        accepted.accept("Alex", null, EstimateAction.CUSTOMER, null, due.minusSeconds(10), CHICAGO);
        assertThat(accepted.expire(due, CHICAGO)).as("an accepted estimate does not expire").isFalse();
        assertThat(accepted.isExpired(due.plusSeconds(86_400), CHICAGO)).isFalse();
    }

    @Test
    void aRevisedExpiryDateInTheFutureOpensAnExpiredEstimateAgain() {
        Estimate estimate = sent(LocalDate.of(2031, 3, 31));
        estimate.revise(content(LocalDate.of(2031, 3, 1), LocalDate.of(2031, 3, 5)), null, null, NOW, CHICAGO);
        assertThat(estimate.expire(NOW, CHICAGO)).isTrue();
        assertThatThrownBy(() -> estimate.accept("Alex", null, EstimateAction.CUSTOMER, null, NOW, CHICAGO))
                .hasMessage("An expired estimate cannot be accepted");
        estimate.revise(content(LocalDate.of(2031, 3, 1), LocalDate.of(2031, 4, 30)), null, null, NOW, CHICAGO);
        assertThat(estimate.isExpired(NOW, CHICAGO)).isFalse();
        assertThat(estimate.accept("Alex", null, EstimateAction.CUSTOMER, null, NOW, CHICAGO)).isTrue();
    }

    @Test
    void aDeclinedEstimateCannotBeAcceptedSentOrInvoicedUntilItIsRevised() {
        Estimate estimate = sent(LocalDate.of(2031, 3, 31));
        assertThat(estimate.decline("Too expensive", EstimateAction.CUSTOMER, null, NOW, CHICAGO)).isTrue();
        assertThat(estimate.decline("again", EstimateAction.CUSTOMER, null, NOW, CHICAGO)).as("idempotent").isFalse();
        assertThat(estimate.declineReason()).isEqualTo("Too expensive");
        assertThatThrownBy(() -> estimate.accept("Alex", null, EstimateAction.CUSTOMER, null, NOW, CHICAGO))
                .hasMessage("A declined estimate cannot be accepted");
        assertThatThrownBy(() -> estimate.markSent(null, null, NOW, CHICAGO)).hasMessageContaining("declined");
        assertThatThrownBy(estimate::requireInvoiceable).hasMessageContaining("declined");

        estimate.revise(content(LocalDate.of(2031, 3, 1), LocalDate.of(2031, 3, 31)), null, null, NOW, CHICAGO);
        assertThat(estimate.status()).as("edited after a decline: a draft to send again").isEqualTo(EstimateStatus.DRAFT);
        assertThat(estimate.declineReason()).isNull();
    }

    @Test
    void anAcceptedOrInvoicedEstimateCannotBeEditedOrDeclinedAndAnInvoicedOneNotDeleted() {
        Estimate estimate = sent(LocalDate.of(2031, 3, 31));
        estimate.accept("Alex", null, EstimateAction.CUSTOMER, null, NOW, CHICAGO);
        EstimateContent next = content(LocalDate.of(2031, 3, 1), LocalDate.of(2031, 3, 31));
        assertThatThrownBy(() -> estimate.revise(next, null, null, NOW, CHICAGO))
                .hasMessage("An accepted estimate cannot be edited");
        assertThatThrownBy(() -> estimate.decline(null, EstimateAction.CUSTOMER, null, NOW, CHICAGO))
                .hasMessage("An accepted estimate cannot be declined");

        estimate.linkInvoice("6578278e879ad2646715ba77", true, null, NOW);
        assertThat(estimate.status()).isEqualTo(EstimateStatus.INVOICED);
        assertThat(estimate.invoiceId()).isEqualTo("6578278e879ad2646715ba77");
        assertThat(estimate.markInvoiced(null, NOW)).as("already").isFalse();
        assertThatThrownBy(() -> estimate.revise(next, null, null, NOW, CHICAGO))
                .hasMessage("An invoiced estimate cannot be edited");
        assertThatThrownBy(estimate::requireDeletable).isInstanceOf(EstimateRuleException.class);
        assertThat(estimate.accept("Alex", null, EstimateAction.CUSTOMER, null, NOW, CHICAGO))
                .as("accepting an estimate invoiced after its acceptance is still the same answer").isFalse();
    }

    @Test
    void aDraftCanNeitherBeAcceptedNorDeclinedAndItsNumberIsFixed() {
        Estimate estimate = draft(LocalDate.of(2031, 3, 31));
        assertThatThrownBy(() -> estimate.accept("Alex", null, EstimateAction.CUSTOMER, null, NOW, CHICAGO))
                .hasMessageContaining("draft");
        assertThatThrownBy(() -> estimate.decline(null, EstimateAction.CUSTOMER, null, NOW, CHICAGO))
                .hasMessageContaining("draft");
        assertThatThrownBy(() -> estimate.revise(content(LocalDate.of(2031, 3, 1), LocalDate.of(2031, 3, 31)), "7",
                null, NOW, CHICAGO)).hasMessageContaining("estimateNumber");
        assertThatThrownBy(() -> sent(LocalDate.of(2031, 3, 31)).accept(" ", null, EstimateAction.CUSTOMER, null, NOW,
                CHICAGO)).hasMessageContaining("name");
        assertThatThrownBy(() -> Estimate.draft("6578278e879ad2646715ba9c", "6578278e879ad2646715ba9d", "1", "t",
                content(LocalDate.of(2031, 3, 1), LocalDate.of(2031, 2, 1)), null, NOW))
                .hasMessage("expiryDate must not be before issueDate");
    }
}
