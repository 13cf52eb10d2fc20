package dev.remit.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import tools.jackson.databind.JsonNode;

/**
 * The invoice aggregate: its content, its figures and its status, and the only place that decides
 * which transitions are allowed and which payments it takes. Every rule that says no raises
 * {@link InvoiceRuleException}. Closed: its changes are package-private, made through
 * {@link InvoiceService}'s intents, which save it and publish what happened; other modules read it.
 * Persisted by {@link InvoiceRepository} with optimistic locking on {@link #version()}.
 */
public final class Invoice {

    /** What {@link #markSent} did: a first send, a reminder of an open invoice, or a copy of a paid one. */
    public enum SendKind { FIRST, AGAIN, COPY }

    private final String id;
    private final String locationId;
    private final String invoiceNumber;
    private final String publicToken;
    private final Instant createdAt;
    private InvoiceContent content;
    private Totals totals;
    private InvoiceStatus status;
    private BigDecimal amountPaid;
    private JsonNode autoPayment;
    private Instant lastVisitedAt;
    private int visitCount;
    private Instant sentAt;
    private Instant voidedAt;
    private Instant updatedAt;
    private final long version;
    private BigDecimal lateFees = BigDecimal.ZERO;

    /** Rebuilds a stored invoice (the repository's constructor). */
    Invoice(String id, String locationId, String invoiceNumber, String publicToken, InvoiceContent content,
            InvoiceStatus status, BigDecimal amountPaid, JsonNode autoPayment, Instant lastVisitedAt, int visitCount,
            Instant sentAt, Instant voidedAt, long version, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.locationId = locationId;
        this.invoiceNumber = invoiceNumber;
        this.publicToken = publicToken;
        this.content = content;
        this.status = status;
        this.autoPayment = autoPayment;
        this.lastVisitedAt = lastVisitedAt;
        this.visitCount = visitCount;
        this.sentAt = sentAt;
        this.voidedAt = voidedAt;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.totals = Totals.compute(currency(), content.items(), content.discount(), content.charges());
        this.amountPaid = Money.round(amountPaid, currency());
    }

    /** A new draft. */
    static Invoice draft(String id, String locationId, String invoiceNumber, String publicToken,
            InvoiceContent content, Instant now) {
        return new Invoice(id, locationId, invoiceNumber, publicToken, content, InvoiceStatus.DRAFT, BigDecimal.ZERO,
                null, null, 0, null, null, 0, now, now);
    }

    /** Replaces the content (PUT). Paid, void and processing invoices cannot be edited. */
    void revise(InvoiceContent next, Instant now) {
        revise(next, null, now);
    }

    /**
     * Replaces the content; {@code requestedNumber}, when given, must be this invoice's number: the number
     * is fixed at creation, and a different one is refused rather than silently ignored.
     */
    void revise(InvoiceContent next, String requestedNumber, Instant now) {
        String numberProblem = numberChangeProblem(requestedNumber);
        if (numberProblem != null) {
            throw InvoiceRuleException.unprocessable("invoiceNumber " + numberProblem);
        }
        switch (status) {
            case PAID -> throw InvoiceRuleException.unprocessable("A paid invoice cannot be edited");
            case VOID -> throw InvoiceRuleException.unprocessable("A void invoice cannot be edited");
            case PAYMENT_PROCESSING -> throw InvoiceRuleException.unprocessable(
                    "An invoice with a payment being processed cannot be edited");
            default -> { }
        }
        if (amountPaid.signum() > 0 && !next.currency().equals(content.currency())) {
            throw InvoiceRuleException.unprocessable(
                    "The currency of an invoice that has received payments cannot be changed");
        }
        Totals nextTotals = Totals.compute(Money.currencyOrThrow(next.currency()), next.items(), next.discount(),
                next.charges());
        nextTotals = nextTotals.withLateFees(lateFees);
        if (nextTotals.total().compareTo(amountPaid) < 0) {
            throw InvoiceRuleException.unprocessable("The invoice total (" + nextTotals.total().toPlainString()
                    + ") cannot be less than the amount already paid (" + amountPaid.toPlainString() + ")");
        }
        content = next;
        totals = nextTotals;
        amountPaid = Money.round(amountPaid, currency());
        if (amountPaid.signum() > 0) {
            status = amountDue().signum() == 0 ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID;
        }
        updatedAt = now;
    }

    /**
     * Accepts a payment and returns the amount to put in the ledger: {@code requested}, or all that is
     * due when null. Moves the invoice to partially_paid or paid.
     */
    BigDecimal acceptPayment(BigDecimal requested, Instant now) {
        if (status == InvoiceStatus.VOID) {
            throw InvoiceRuleException.unprocessable("A payment cannot be recorded on a void invoice");
        }
        if (status == InvoiceStatus.PAID || amountDue().signum() == 0) {
            throw InvoiceRuleException.unprocessable("The invoice is already paid; nothing is due");
        }
        BigDecimal amount = requested == null ? amountDue() : requested;
        if (amount.signum() <= 0) {
            throw InvoiceRuleException.unprocessable("amount must be a positive number");
        }
        if (!Money.fitsScale(amount, currency())) {
            throw InvoiceRuleException.unprocessable("amount must have at most " + Money.scale(currency())
                    + " decimal places for " + content.currency());
        }
        if (amount.compareTo(amountDue()) > 0) {
            throw InvoiceRuleException.unprocessable("amount (" + amount.stripTrailingZeros().toPlainString()
                    + ") must not be greater than the amount due (" + amountDue().toPlainString() + ")");
        }
        amount = Money.round(amount, currency());
        amountPaid = amountPaid.add(amount);
        status = amountDue().signum() == 0 ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID;
        updatedAt = now;
        return amount;
    }

    /**
     * Whether money a payment provider already took may go on this invoice: it must be open (not a draft,
     * not void), in the invoice's currency and no more than is due. When not, the provider's record of
     * it stays unapplied for the business to refund or apply by hand.
     */
    boolean takesProviderPayment(BigDecimal amount, String paymentCurrency) {
        return status != InvoiceStatus.VOID && status != InvoiceStatus.DRAFT && status != InvoiceStatus.PAID
                && content.currency().equals(paymentCurrency) && amount.signum() > 0
                && amount.compareTo(amountDue()) <= 0;
    }

    /** Voids the invoice; drafts are deleted instead, paid invoices stay paid. */
    void voidInvoice(boolean hasProviderPayments, Instant now) {
        switch (status) {
            case DRAFT -> throw InvoiceRuleException.badRequest("Can not void draft invoice. You can delete draft invoice!");
            case PAID -> throw InvoiceRuleException.unprocessable("A paid invoice cannot be voided");
            case VOID -> throw InvoiceRuleException.unprocessable("The invoice is already void");
            case PAYMENT_PROCESSING -> throw InvoiceRuleException.unprocessable(
                    "An invoice with a payment being processed cannot be voided");
            default -> { }
        }
        if (hasProviderPayments) {
            throw InvoiceRuleException.badRequest("To void an invoice which has received payment through the payment "
                    + "provider, the corresponding transaction needs to be refunded first");
        }
        status = InvoiceStatus.VOID;
        voidedAt = now;
        updatedAt = now;
    }

    /**
     * Adds a late fee (docs/late-fees.md) to the total and so to the amount due. Only a sent or
     * partially paid invoice accrues fees; the fee is in the currency's minor units.
     */
    void applyLateFee(BigDecimal amount, Instant now) {
        if (status != InvoiceStatus.SENT && status != InvoiceStatus.PARTIALLY_PAID) {
            throw InvoiceRuleException.unprocessable("A " + status.wire() + " invoice does not accrue late fees");
        }
        if (amount.signum() <= 0 || !Money.fitsScale(amount, currency())) {
            throw new IllegalArgumentException("a late fee must be positive, in minor units: " + amount);
        }
        restoreLateFees(lateFees.add(amount));
        updatedAt = now;
    }

    /** The late fees already applied, as the repository reads them. */
    void restoreLateFees(BigDecimal applied) {
        lateFees = Money.round(applied == null ? BigDecimal.ZERO : applied, currency());
        totals = totals.withLateFees(lateFees);
    }

    public BigDecimal lateFees() {
        return lateFees;
    }

    /** Only drafts may be deleted (the spec's 400); a sent invoice is voided instead, keeping its record. */
    void requireDeletable() {
        if (status != InvoiceStatus.DRAFT) {
            throw InvoiceRuleException.badRequest("Invoice status need to be draft to delete an invoice");
        }
    }

    /**
     * Marks the invoice sent (the send operation calls this): a draft becomes sent; an open invoice
     * (sent, partially paid, processing) may be sent again; a paid one only as a copy. A void invoice,
     * or one with nothing to pay, cannot be sent. {@code liveMode} and {@code autoPayment} are stored
     * when given; an {@code autoPayment} with {@code enable: false} clears the stored one.
     */
    SendKind markSent(Instant now, Boolean liveMode, JsonNode autoPaymentDetails) {
        if (status == InvoiceStatus.VOID) {
            throw InvoiceRuleException.unprocessable("A void invoice cannot be sent");
        }
        if (status != InvoiceStatus.PAID && totals.total().signum() == 0) {
            throw InvoiceRuleException.unprocessable("The invoice has nothing to pay: its total is 0");
        }
        SendKind kind = switch (status) {
            case DRAFT -> SendKind.FIRST;
            case PAID -> SendKind.COPY;
            default -> SendKind.AGAIN;
        };
        if (status == InvoiceStatus.DRAFT) {
            status = InvoiceStatus.SENT;
        }
        if (liveMode != null) {
            content = content.withLiveMode(liveMode);
        }
        if (autoPaymentDetails != null && !autoPaymentDetails.isNull()) {
            autoPayment = autoPaymentDetails.path("enable").asBoolean(false) ? autoPaymentDetails : null;
        }
        sentAt = now;
        updatedAt = now;
        return kind;
    }

    /**
     * An auto-charge has started (payments calls this): a sent or partially paid invoice with something
     * due waits for its outcome in payment_processing. False, with nothing changed, otherwise.
     */
    boolean startPaymentProcessing(Instant now) {
        if ((status != InvoiceStatus.SENT && status != InvoiceStatus.PARTIALLY_PAID) || amountDue().signum() <= 0) {
            return false;
        }
        status = InvoiceStatus.PAYMENT_PROCESSING;
        updatedAt = now;
        return true;
    }

    /** The charge ended without a payment: back to what the ledger says (sent or partially_paid). */
    void endPaymentProcessing(Instant now) {
        if (status == InvoiceStatus.PAYMENT_PROCESSING) {
            status = amountPaid.signum() > 0 ? InvoiceStatus.PARTIALLY_PAID : InvoiceStatus.SENT;
            updatedAt = now;
        }
    }

    /**
     * Why {@code requested} cannot be this invoice's number (as the end of a message naming the field),
     * or null when it can: none requested, or the number it already has.
     */
    public String numberChangeProblem(String requested) {
        return requested == null || requested.equals(invoiceNumber) ? null : "cannot be changed once the invoice exists";
    }

    /** The auto-payment the last send turned on, typed; null when it is off. */
    public AutoPayment automaticPayment() {
        return AutoPayment.of(autoPayment);
    }

    /** The number as customers read it: the invoice's prefix, then its number ("INV-19"). */
    public String displayNumber() {
        String prefix = content.invoiceNumberPrefix();
        return (prefix == null ? "" : prefix) + invoiceNumber;
    }

    public BigDecimal amountDue() {
        return totals.total().subtract(amountPaid);
    }

    public Currency currency() {
        return Money.currencyOrThrow(content.currency());
    }

    public String id() { return id; }
    public String locationId() { return locationId; }
    public String invoiceNumber() { return invoiceNumber; }
    public String publicToken() { return publicToken; }
    public InvoiceContent content() { return content; }
    public Totals totals() { return totals; }
    public InvoiceStatus status() { return status; }
    public BigDecimal amountPaid() { return amountPaid; }
    public JsonNode autoPayment() { return autoPayment; }
    public Instant lastVisitedAt() { return lastVisitedAt; }
    public int visitCount() { return visitCount; }
    public Instant sentAt() { return sentAt; }
    public Instant voidedAt() { return voidedAt; }
    public long version() { return version; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
