package dev.remit.estimate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.remit.invoice.Totals;

/**
 * The estimate aggregate: its content, figures, status and action history, and the only place that
 * decides which transitions are allowed. Every rule that says no raises {@link EstimateRuleException}.
 * Closed: its changes are package-private, made through {@link EstimateService}'s intents, which save
 * it and publish what happened; other modules read it. Persisted by {@link EstimateRepository} with
 * optimistic locking on {@link #version()}.
 *
 * <p>Expiry (docs/estimates.md): an open estimate (draft, sent, viewed) may be accepted through its
 * {@code expiryDate} in the location's time zone, and is expired from the start of the next day there
 * ({@link #expiresAt}), whether or not the expiry job has run yet ({@link #isExpired}); the job records it
 * ({@link #expire}). The status stays what it was: expired shows as {@code expired} beside it.
 */
public final class Estimate {

    /** The longest name a customer may type to accept, and the longest reason to decline (their columns). */
    public static final int MAX_NAME = 500;
    public static final int MAX_REASON = 2000;

    private final String id;
    private final String locationId;
    private final String estimateNumber;
    private final String publicToken;
    private final Instant createdAt;
    private final long version;
    private EstimateContent content;
    private Totals totals;
    private EstimateStatus status;
    private String invoiceId;
    private Instant lastVisitedAt;
    private int visitCount;
    private Instant sentAt;
    private Instant acceptedAt;
    private String acceptedName;
    private String acceptedSignature;
    private Instant declinedAt;
    private String declineReason;
    private Instant expiredAt;
    private Instant invoicedAt;
    private Instant updatedAt;
    private final List<EstimateAction> history;
    private final List<EstimateAction> unsaved = new ArrayList<>();

    /** Rebuilds a stored estimate (the repository's constructor). */
    Estimate(String id, String locationId, String estimateNumber, String publicToken, EstimateContent content,
            EstimateStatus status, String invoiceId, Instant lastVisitedAt, int visitCount, Instant sentAt,
            Instant acceptedAt, String acceptedName, String acceptedSignature, Instant declinedAt, String declineReason,
            Instant expiredAt, Instant invoicedAt, long version, Instant createdAt, Instant updatedAt,
            List<EstimateAction> history) {
        this.id = id;
        this.locationId = locationId;
        this.estimateNumber = estimateNumber;
        this.publicToken = publicToken;
        this.content = content;
        this.totals = content.totals();
        this.status = status;
        this.invoiceId = invoiceId;
        this.lastVisitedAt = lastVisitedAt;
        this.visitCount = visitCount;
        this.sentAt = sentAt;
        this.acceptedAt = acceptedAt;
        this.acceptedName = acceptedName;
        this.acceptedSignature = acceptedSignature;
        this.declinedAt = declinedAt;
        this.declineReason = declineReason;
        this.expiredAt = expiredAt;
        this.invoicedAt = invoicedAt;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.history = new ArrayList<>(history);
    }

    /** The same estimate with its stored history (the repository reads the history apart). */
    Estimate withHistory(List<EstimateAction> entries) {
        return new Estimate(id, locationId, estimateNumber, publicToken, content, status, invoiceId, lastVisitedAt,
                visitCount, sentAt, acceptedAt, acceptedName, acceptedSignature, declinedAt, declineReason, expiredAt,
                invoicedAt, version, createdAt, updatedAt, entries);
    }

    /** A new draft, created by {@code userId} (null when the caller named none). */
    static Estimate draft(String id, String locationId, String estimateNumber, String publicToken,
            EstimateContent content, String userId, Instant now) {
        requireDates(content);
        Estimate estimate = new Estimate(id, locationId, estimateNumber, publicToken, content, EstimateStatus.DRAFT,
                null, null, 0, null, null, null, null, null, null, null, null, 0, now, now, List.of());
        estimate.record("created", EstimateAction.USER, userId, null, null, now);
        return estimate;
    }

    /**
     * Replaces the content (update-estimate). An accepted or invoiced estimate cannot be edited: its
     * customer answered this content. {@code requestedNumber}, when given, must be this estimate's number.
     * A declined estimate that is edited is a draft again (to be sent anew); an expired one whose new
     * expiryDate is still ahead is open again.
     */
    void revise(EstimateContent next, String requestedNumber, String userId, Instant now, ZoneId zone) {
        if (requestedNumber != null && !requestedNumber.equals(estimateNumber)) {
            throw EstimateRuleException.unprocessable("estimateNumber cannot be changed once the estimate exists");
        }
        switch (status) {
            case ACCEPTED -> throw EstimateRuleException.unprocessable("An accepted estimate cannot be edited");
            case INVOICED -> throw EstimateRuleException.unprocessable("An invoiced estimate cannot be edited");
            default -> { }
        }
        requireDates(next);
        content = next;
        totals = next.totals();
        if (status == EstimateStatus.DECLINED) {
            status = EstimateStatus.DRAFT;
            declinedAt = null;
            declineReason = null;
        }
        if (expiredAt != null && now.isBefore(expiresAt(zone))) {
            expiredAt = null;
        }
        updatedAt = now;
        record("updated", EstimateAction.USER, userId, null, null, now);
    }

    /**
     * Marks the estimate sent (send-estimate calls this): a draft becomes sent, a sent or viewed one may
     * be sent again. An expired, accepted, declined or invoiced estimate cannot be sent. {@code liveMode}
     * is stored when given.
     */
    void markSent(String userId, Boolean liveMode, Instant now, ZoneId zone) {
        switch (status) {
            case ACCEPTED -> throw EstimateRuleException.unprocessable("An accepted estimate cannot be sent");
            case DECLINED -> throw EstimateRuleException.unprocessable(
                    "A declined estimate cannot be sent; update it to send it again");
            case INVOICED -> throw EstimateRuleException.unprocessable("An invoiced estimate cannot be sent");
            default -> { }
        }
        if (isExpired(now, zone)) {
            throw EstimateRuleException.unprocessable("An expired estimate cannot be sent; update its expiryDate first");
        }
        if (status == EstimateStatus.DRAFT) {
            status = EstimateStatus.SENT;
        }
        if (liveMode != null) {
            content = content.withLiveMode(liveMode);
        }
        sentAt = now;
        updatedAt = now;
        record("sent", EstimateAction.USER, userId, null, null, now);
    }

    /**
     * The customer opened the estimate: counted, and a sent estimate becomes viewed (a draft stays a
     * draft: that is the business previewing it). True when the status moved to viewed.
     */
    boolean recordVisit(Instant now) {
        lastVisitedAt = now;
        visitCount++;
        if (status != EstimateStatus.SENT) {
            return false;
        }
        status = EstimateStatus.VIEWED;
        updatedAt = now;
        record("viewed", EstimateAction.CUSTOMER, null, null, null, now);
        return true;
    }

    /**
     * The customer (or the business for them) accepts, with the name they typed and, when given, their
     * drawn signature. Idempotent: an estimate already accepted (or invoiced after it was) answers
     * false and changes nothing. A draft, declined or expired estimate cannot be accepted.
     */
    boolean accept(String name, String signature, String actor, String actorId, Instant now, ZoneId zone) {
        if (acceptedAt != null && (status == EstimateStatus.ACCEPTED || status == EstimateStatus.INVOICED)) {
            return false;
        }
        switch (status) {
            case DRAFT -> throw EstimateRuleException.unprocessable("A draft estimate cannot be accepted; send it first");
            case DECLINED -> throw EstimateRuleException.unprocessable("A declined estimate cannot be accepted");
            case INVOICED -> throw EstimateRuleException.unprocessable("An invoiced estimate cannot be accepted");
            default -> { }
        }
        if (isExpired(now, zone)) {
            throw EstimateRuleException.unprocessable("An expired estimate cannot be accepted");
        }
        if (name == null || name.isBlank()) {
            throw EstimateRuleException.unprocessable("name must not be empty: the customer types it to accept");
        }
        if (name.strip().length() > MAX_NAME) {
            throw EstimateRuleException.unprocessable("name must be shorter than or equal to " + MAX_NAME + " characters");
        }
        status = EstimateStatus.ACCEPTED;
        acceptedAt = now;
        acceptedName = name.strip();
        acceptedSignature = signature == null || signature.isBlank() ? null : signature;
        updatedAt = now;
        record("accepted", actor, actorId, acceptedName, null, now);
        return true;
    }

    /**
     * The customer declines, with a reason when given. Idempotent like {@link #accept}: declining a
     * declined estimate answers false. An accepted, invoiced, draft or expired estimate cannot be declined.
     */
    boolean decline(String reason, String actor, String actorId, Instant now, ZoneId zone) {
        if (status == EstimateStatus.DECLINED) {
            return false;
        }
        if (reason != null && reason.strip().length() > MAX_REASON) {
            throw EstimateRuleException.unprocessable("reason must be shorter than or equal to " + MAX_REASON
                    + " characters");
        }
        switch (status) {
            case DRAFT -> throw EstimateRuleException.unprocessable("A draft estimate cannot be declined; send it first");
            case ACCEPTED -> throw EstimateRuleException.unprocessable("An accepted estimate cannot be declined");
            case INVOICED -> throw EstimateRuleException.unprocessable("An invoiced estimate cannot be declined");
            default -> { }
        }
        if (isExpired(now, zone)) {
            throw EstimateRuleException.unprocessable("An expired estimate cannot be declined");
        }
        status = EstimateStatus.DECLINED;
        declinedAt = now;
        declineReason = reason == null || reason.isBlank() ? null : reason.strip();
        updatedAt = now;
        record("declined", actor, actorId, null, declineReason, now);
        return true;
    }

    /**
     * Records the expiry (the expiry job calls this at {@link #expiresAt}). False, with nothing changed,
     * when the estimate is not open, is already recorded expired, or its expiry is still ahead (an
     * expiryDate moved since the job was planned).
     */
    boolean expire(Instant now, ZoneId zone) {
        if (!status.open() || expiredAt != null || now.isBefore(expiresAt(zone))) {
            return false;
        }
        expiredAt = now;
        updatedAt = now;
        record("expired", EstimateAction.SYSTEM, null, null, null, now);
        return true;
    }

    /** Only an estimate that has not become an invoice may be deleted. */
    void requireDeletable() {
        if (status == EstimateStatus.INVOICED || invoiceId != null) {
            throw EstimateRuleException.badRequest("An estimate that has been invoiced cannot be deleted");
        }
    }

    /** Whether an invoice may be made from it: not from a declined estimate. */
    void requireInvoiceable() {
        if (status == EstimateStatus.DECLINED) {
            throw EstimateRuleException.unprocessable("A declined estimate cannot be turned into an invoice");
        }
    }

    /** Links the invoice made from it; with {@code markInvoiced} the estimate is invoiced (and final). */
    void linkInvoice(String invoice, boolean markInvoiced, String userId, Instant now) {
        requireInvoiceable();
        invoiceId = invoice;
        updatedAt = now;
        if (markInvoiced) {
            markInvoiced(userId, now);
        } else {
            record("invoice_created", EstimateAction.USER, userId, null, invoice, now);
        }
    }

    /** Marks a linked estimate invoiced; false when it already is. */
    boolean markInvoiced(String userId, Instant now) {
        if (invoiceId == null) {
            throw new IllegalStateException("estimate " + id + " has no invoice to be marked invoiced by");
        }
        if (status == EstimateStatus.INVOICED) {
            return false;
        }
        status = EstimateStatus.INVOICED;
        invoicedAt = now;
        updatedAt = now;
        record("invoiced", EstimateAction.USER, userId, null, invoiceId, now);
        return true;
    }

    /** Forgets a linked invoice that no longer exists (a draft invoice the business deleted). */
    void forgetInvoice(Instant now) {
        invoiceId = null;
        if (status == EstimateStatus.INVOICED) {
            status = acceptedAt != null ? EstimateStatus.ACCEPTED : sentAt != null ? EstimateStatus.SENT : EstimateStatus.DRAFT;
            invoicedAt = null;
        }
        updatedAt = now;
    }

    /** The moment it expires: the start of the day after its expiryDate in the location's zone. */
    public Instant expiresAt(ZoneId zone) {
        return content.expiryDate().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Whether it is expired at {@code now}: recorded so, or open and past {@link #expiresAt}. */
    public boolean isExpired(Instant now, ZoneId zone) {
        return expiredAt != null || (status.open() && !now.isBefore(expiresAt(zone)));
    }

    /** The number as customers read it: the prefix, then the number ("EST-7"). */
    public String displayNumber() {
        String prefix = content.estimateNumberPrefix();
        return (prefix == null ? "" : prefix) + estimateNumber;
    }

    private static void requireDates(EstimateContent content) {
        if (content.expiryDate() != null && content.issueDate() != null
                && content.expiryDate().isBefore(content.issueDate())) {
            throw EstimateRuleException.unprocessable("expiryDate must not be before issueDate");
        }
    }

    private void record(String action, String actor, String actorId, String actorName, String note, Instant at) {
        EstimateAction entry = new EstimateAction(action, actor, actorId, actorName, note, at);
        history.add(entry);
        unsaved.add(entry);
    }

    /** The history entries added since the estimate was read, in order, and forgets them (the repository saves them). */
    List<EstimateAction> takeUnsaved() {
        List<EstimateAction> taken = List.copyOf(unsaved);
        unsaved.clear();
        return taken;
    }

    int savedHistorySize() {
        return history.size() - unsaved.size();
    }

    public String id() { return id; }
    public String locationId() { return locationId; }
    public String estimateNumber() { return estimateNumber; }
    public String publicToken() { return publicToken; }
    public EstimateContent content() { return content; }
    public Totals totals() { return totals; }
    public EstimateStatus status() { return status; }
    public String invoiceId() { return invoiceId; }
    public Instant lastVisitedAt() { return lastVisitedAt; }
    public int visitCount() { return visitCount; }
    public Instant sentAt() { return sentAt; }
    public Instant acceptedAt() { return acceptedAt; }
    public String acceptedName() { return acceptedName; }
    public String acceptedSignature() { return acceptedSignature; }
    public Instant declinedAt() { return declinedAt; }
    public String declineReason() { return declineReason; }
    public Instant expiredAt() { return expiredAt; }
    public Instant invoicedAt() { return invoicedAt; }
    public long version() { return version; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public List<EstimateAction> history() { return List.copyOf(history); }
    public LocalDate expiryDate() { return content.expiryDate(); }
    public AutoInvoice autoInvoice() { return content.autoInvoice(); }
}
