package dev.remit.page;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import dev.remit.estimate.Estimate;
import dev.remit.estimate.EstimateRuleException;
import dev.remit.estimate.EstimateService;

/**
 * The customer's answer to an estimate, given on its page. Accepting an accepted estimate again (a
 * double click, a retried POST, two tabs) is the same success and changes nothing
 * ({@link EstimateService#accept} is idempotent); an answer the estimate cannot take (declined,
 * expired, invoiced, never sent) is refused with words the customer can read. A concurrent change
 * (the business editing, the other button) makes it look again.
 */
@Service
class EstimateAnswers {

    static final int ATTEMPTS = 5;

    /** Done, or refused with the reason to show. */
    record Outcome(boolean done, String refusal) {
        static final Outcome DONE = new Outcome(true, null);

        static Outcome refused(String why) {
            return new Outcome(false, why);
        }
    }

    private final EstimateService estimates;

    EstimateAnswers(EstimateService estimates) {
        this.estimates = estimates;
    }

    Outcome accept(String locationId, String estimateId, String name) {
        for (int attempt = 1; ; attempt++) {
            Outcome settled = settledForAccept(estimates.load(locationId, estimateId));
            if (settled != null) {
                return settled;
            }
            try {
                estimates.accept(locationId, estimateId, name, null);
                return Outcome.DONE;
            } catch (OptimisticLockingFailureException | EstimateRuleException changedMeanwhile) {
                if (attempt >= ATTEMPTS) {
                    return Outcome.refused("This estimate cannot be accepted now.");
                }
            }
        }
    }

    Outcome decline(String locationId, String estimateId, String reason) {
        for (int attempt = 1; ; attempt++) {
            Outcome settled = settledForDecline(estimates.load(locationId, estimateId));
            if (settled != null) {
                return settled;
            }
            try {
                estimates.decline(locationId, estimateId, reason);
                return Outcome.DONE;
            } catch (OptimisticLockingFailureException | EstimateRuleException changedMeanwhile) {
                if (attempt >= ATTEMPTS) {
                    return Outcome.refused("This estimate cannot be declined now.");
                }
            }
        }
    }

    void recordVisit(String locationId, String estimateId) {
        estimates.recordVisit(locationId, estimateId);
    }

    /** The outcome an Accept has without asking the estimate to change; null when it is to be accepted now. */
    private Outcome settledForAccept(Estimate estimate) {
        return switch (estimate.status()) {
            case ACCEPTED -> Outcome.DONE;
            case INVOICED -> estimate.acceptedAt() != null ? Outcome.DONE
                    : Outcome.refused("This estimate was already invoiced, so it can no longer be accepted.");
            case DECLINED -> Outcome.refused("This estimate was declined, so it can no longer be accepted.");
            case DRAFT -> Outcome.refused("This estimate has not been sent yet, so it cannot be accepted.");
            case SENT, VIEWED -> estimates.isExpired(estimate) ? expired() : null;
        };
    }

    private Outcome settledForDecline(Estimate estimate) {
        return switch (estimate.status()) {
            case DECLINED -> Outcome.DONE;
            case ACCEPTED, INVOICED -> Outcome.refused("This estimate was accepted, so it can no longer be declined.");
            case DRAFT -> Outcome.refused("This estimate has not been sent yet, so it cannot be declined.");
            case SENT, VIEWED -> estimates.isExpired(estimate) ? expired() : null;
        };
    }

    private static Outcome expired() {
        return Outcome.refused("This estimate has expired, so it can no longer be accepted or declined.");
    }
}
