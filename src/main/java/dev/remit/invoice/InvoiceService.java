package dev.remit.invoice;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.api.ApiException;
import dev.remit.numbering.DocumentNumbers;
import dev.remit.numbering.NumberTakenException;
import dev.remit.tenancy.Ids;
import tools.jackson.databind.JsonNode;

/**
 * Everything that is done to invoices, each in one transaction (the caller's when there is one), by
 * intent: create, revise, send, void, delete, record a payment, mark a charge in progress. Each change
 * that other modules care about publishes its event ({@link InvoiceCreated}, {@link InvoiceSent}, ...)
 * inside that transaction, after the write.
 */
@Service
public class InvoiceService {

    private static final Logger log = LoggerFactory.getLogger(InvoiceService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int ATTEMPTS = 20;

    private final InvoiceRepository repository;
    private final InvoiceSearch search;
    private final InvoiceSettingsRepository settings;
    private final DocumentNumbers numbers;
    private final TransactionTemplate transaction;
    private final java.time.Clock clock;
    private final ApplicationEventPublisher events;

    public InvoiceService(InvoiceRepository repository, InvoiceSearch search, InvoiceSettingsRepository settings,
            DocumentNumbers numbers, TransactionTemplate transaction, java.time.Clock clock,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.search = search;
        this.settings = settings;
        this.numbers = numbers;
        this.transaction = transaction;
        this.clock = clock;
        this.events = events;
    }

    /** A change made to a loaded invoice inside the transaction that saves it; {@code happened} takes its events. */
    @FunctionalInterface
    private interface Change<T> {
        T apply(Invoice invoice, Consumer<Object> happened);
    }

    /** What a manual (or, later, provider) payment says; {@code amount} null means all that is due. */
    public record PaymentInput(BigDecimal amount, String mode, String source, String cardBrand, String cardLast4,
            String chequeNumber, String notes, JsonNode meta, String providerRef, Instant fulfilledAt) {
    }

    /**
     * Creates a draft numbered from the location's invoice sequence (or with {@code requestedNumber} when
     * it is unused: otherwise 422). The number is taken in the same transaction as the insert
     * ({@link DocumentNumbers}), so numbers neither repeat nor leave gaps when a create fails.
     */
    public Invoice create(String locationId, InvoiceContent content, String requestedNumber) {
        numbers.prepare(locationId, DocumentNumbers.INVOICE);
        return retrying(() -> transaction.execute(status -> {
            String number;
            try {
                number = numbers.assign(locationId, DocumentNumbers.INVOICE, requestedNumber,
                        candidate -> repository.numberExists(locationId, candidate));
            } catch (NumberTakenException taken) {
                throw numberTaken(taken.number());
            }
            Instant now = now();
            Invoice invoice = Invoice.draft(Ids.newId(), locationId, number, newPublicToken(), content, now);
            try {
                repository.insert(invoice);
            } catch (DuplicateKeyException taken) {
                if (requestedNumber != null) {
                    throw numberTaken(requestedNumber);
                }
                throw taken;
            }
            events.publishEvent(new InvoiceCreated(locationId, invoice.id(), now, InvoiceSnapshot.of(invoice)));
            return invoice;
        }));
    }

    private static InvoiceRuleException numberTaken(String number) {
        return InvoiceRuleException.unprocessable("invoiceNumber " + number + " is already used by another invoice");
    }

    /** The invoice of this location, or 404 "Invoice not found" (also for another location's invoice). */
    public Invoice load(String locationId, String invoiceId) {
        return find(locationId, invoiceId).orElseThrow(InvoiceService::notFound);
    }

    public Optional<Invoice> find(String locationId, String invoiceId) {
        if (locationId == null || invoiceId == null) {
            return Optional.empty();
        }
        return repository.find(locationId, invoiceId);
    }

    /** For the hosted page: the invoice whose public token this is. */
    public Optional<Invoice> findByPublicToken(String publicToken) {
        return publicToken == null || publicToken.isBlank() ? Optional.empty() : repository.findByPublicToken(publicToken);
    }

    /** The location of an invoice, for callers that only know its id. */
    public Optional<String> locationOf(String invoiceId) {
        return repository.locationOf(invoiceId);
    }

    /** Decides, from the invoice as it is now, which late fees to add; {@code charge} adds one. */
    @FunctionalInterface
    public interface LateFeeCharges<T> {
        T decide(Invoice invoice, java.util.function.Consumer<BigDecimal> charge);
    }

    /**
     * Adds the late fees {@code charges} decides on (docs/late-fees.md) in one transaction, with the
     * caller's own writes (its fee ledger), retried on a concurrent update; an invoice that gained a fee
     * publishes {@link InvoiceUpdated}.
     */
    public <T> T chargeLateFees(String locationId, String invoiceId, LateFeeCharges<T> charges) {
        return modify(locationId, invoiceId, (Change<T>) (invoice, happened) -> {
            Instant now = now();
            boolean[] charged = {false};
            T result = charges.decide(invoice, amount -> {
                invoice.applyLateFee(amount, now);
                charged[0] = true;
            });
            if (charged[0]) {
                happened.accept(new InvoiceUpdated(locationId, invoiceId, now, InvoiceSnapshot.of(invoice)));
            }
            return result;
        });
    }

    /**
     * Loads, changes and saves an invoice in one transaction; when another request saved it in between,
     * does it all again on the fresh invoice, so no write is lost.
     */
    private <T> T modify(String locationId, String invoiceId, Change<T> change) {
        return retrying(() -> transaction.execute(status -> {
            Invoice invoice = load(locationId, invoiceId);
            List<Object> happened = new ArrayList<>();
            T result = change.apply(invoice, happened::add);
            repository.update(invoice);
            happened.forEach(events::publishEvent);
            return result;
        }));
    }

    /** What {@link #send} did: the invoice as it is now sent, and which kind of send it was. */
    public record Sent(Invoice invoice, Invoice.SendKind kind) {
    }

    /**
     * Marks the invoice sent (see {@link Invoice#markSent}) after {@code check} accepted it, saves it and
     * publishes {@link InvoiceSent}; {@code liveMode} null keeps the invoice's. In the caller's transaction when there is one, so the messages the
     * caller queues commit with it.
     */
    public Sent send(String locationId, String invoiceId, SendAction action, Boolean liveMode, JsonNode autoPayment,
            java.util.function.Consumer<Invoice> check) {
        return modify(locationId, invoiceId, (invoice, happened) -> {
            check.accept(invoice);
            Instant now = now();
            Invoice.SendKind kind = invoice.markSent(now, liveMode, autoPayment);
            happened.accept(new InvoiceSent(locationId, invoiceId, now, kind, invoice.content().liveMode(), action,
                    AutoPayment.of(autoPayment), InvoiceSnapshot.of(invoice)));
            return new Sent(invoice, kind);
        });
    }

    public Invoice revise(String locationId, String invoiceId, java.util.function.Function<Invoice, InvoiceContent> content) {
        return revise(locationId, invoiceId, null, content);
    }

    /**
     * Replaces the content with what {@code content} makes of the current invoice; {@code requestedNumber},
     * when given, must be the invoice's number (422 otherwise).
     */
    public Invoice revise(String locationId, String invoiceId, String requestedNumber,
            java.util.function.Function<Invoice, InvoiceContent> content) {
        return modify(locationId, invoiceId, (invoice, happened) -> {
            Instant now = now();
            invoice.revise(content.apply(invoice), requestedNumber, now);
            happened.accept(new InvoiceUpdated(locationId, invoiceId, now, InvoiceSnapshot.of(invoice)));
            return invoice;
        });
    }

    /**
     * Deletes a draft; any other status is 400 (void it instead). Returns the invoice as it was. A draft
     * has no payments (a payment moves it on), and the version check makes sure it is still that draft.
     */
    public Invoice delete(String locationId, String invoiceId) {
        return retrying(() -> transaction.execute(status -> {
            Invoice invoice = load(locationId, invoiceId);
            invoice.requireDeletable();
            repository.delete(invoice);
            events.publishEvent(new InvoiceDeleted(locationId, invoiceId, now(), InvoiceSnapshot.of(invoice)));
            return invoice;
        }));
    }

    public Invoice voidInvoice(String locationId, String invoiceId) {
        return modify(locationId, invoiceId, (invoice, happened) -> {
            Instant now = now();
            invoice.voidInvoice(repository.hasProviderPayments(locationId, invoiceId), now);
            happened.accept(new InvoiceVoided(locationId, invoiceId, now, InvoiceSnapshot.of(invoice)));
            return invoice;
        });
    }

    /** Puts a payment in the ledger and moves the invoice to partially_paid or paid. */
    public Invoice recordPayment(String locationId, String invoiceId, PaymentInput payment) {
        return modify(locationId, invoiceId, (invoice, happened) -> {
            applyPayment(invoice, payment, happened);
            return invoice;
        });
    }

    private void applyPayment(Invoice invoice, PaymentInput payment, Consumer<Object> happened) {
        Instant now = now();
        String locationId = invoice.locationId();
        String invoiceId = invoice.id();
        BigDecimal amount = invoice.acceptPayment(payment.amount(), now);
        String paymentId = Ids.newId();
        String source = payment.source() == null ? "manual" : payment.source();
        Instant fulfilledAt = payment.fulfilledAt() == null ? now : payment.fulfilledAt();
        repository.insertPayment(new InvoiceRepository.Payment(paymentId, locationId, invoiceId, amount,
                invoice.content().currency(), payment.mode(), source, payment.cardBrand(), payment.cardLast4(),
                payment.chequeNumber(), payment.notes(), payment.meta(), payment.providerRef(), fulfilledAt, now));
        InvoiceSnapshot after = InvoiceSnapshot.of(invoice);
        happened.accept(new PaymentRecorded(locationId, invoiceId, now, paymentId, amount,
                invoice.content().currency(), payment.mode(), source, payment.providerRef(), fulfilledAt, after));
        happened.accept(invoice.status() == InvoiceStatus.PAID
                ? new InvoicePaid(locationId, invoiceId, now, paymentId, after)
                : new InvoicePartiallyPaid(locationId, invoiceId, now, paymentId, after));
    }

    /**
     * Applies money a payment provider took (a checkout, a webhook, an auto-charge) through the same
     * ledger as {@link #recordPayment}. False, with nothing written, when the invoice is gone or does not
     * take it ({@link Invoice#takesProviderPayment}: void, draft, another currency, more than is due).
     */
    public boolean recordProviderPayment(String locationId, String invoiceId, String currency, PaymentInput payment) {
        return retrying(() -> transaction.execute(status -> {
            Optional<Invoice> found = find(locationId, invoiceId);
            if (found.isEmpty() || !found.get().takesProviderPayment(payment.amount(), currency)) {
                return false;
            }
            List<Object> happened = new ArrayList<>();
            applyPayment(found.get(), payment, happened::add);
            repository.update(found.get());
            happened.forEach(events::publishEvent);
            return true;
        }));
    }

    /**
     * An automatic charge has started: a sent or partially paid invoice with something due waits in
     * payment_processing. False, with nothing written, otherwise (or when there is no such invoice).
     */
    public boolean startPaymentProcessing(String locationId, String invoiceId) {
        if (find(locationId, invoiceId).isEmpty()) {
            return false;
        }
        return modify(locationId, invoiceId, (invoice, happened) -> invoice.startPaymentProcessing(now()));
    }

    /** The charge ended without a payment: back to sent or partially_paid. Nothing happens otherwise. */
    public void endPaymentProcessing(String locationId, String invoiceId) {
        if (find(locationId, invoiceId).filter(i -> i.status() == InvoiceStatus.PAYMENT_PROCESSING).isEmpty()) {
            return; // nothing to end: no write, so no conflict with anyone editing the invoice
        }
        modify(locationId, invoiceId, (invoice, happened) -> {
            invoice.endPaymentProcessing(now());
            return null;
        });
    }

    public java.util.List<InvoiceRepository.Payment> payments(String locationId, String invoiceId) {
        return repository.payments(locationId, invoiceId);
    }

    /** Records that the invoice was viewed: last visited time and a visit count. False when there is no such invoice. */
    public boolean recordVisit(String locationId, String invoiceId) {
        return repository.recordVisit(locationId, invoiceId, now());
    }

    public InvoiceRepository.Page list(String locationId, InvoiceRepository.InvoiceFilter filter, int limit, int offset) {
        return search.list(locationId, filter, limit, offset);
    }

    /** The number the next invoice without one will get (not reserved). */
    public long nextNumber(String locationId) {
        return numbers.peek(locationId, DocumentNumbers.INVOICE, candidate -> repository.numberExists(locationId, candidate));
    }

    public Optional<InvoiceSettings> storedSettings(String locationId) {
        return settings.find(locationId);
    }

    /** Stores a location's settings; when another save got there first, saves again over it (the last one wins). */
    public void saveSettings(String locationId, InvoiceSettings next) {
        retrying(() -> transaction.execute(status -> {
            settings.save(locationId, next, now());
            return null;
        }));
    }

    static ApiException notFound() {
        return ApiException.notFound("Invoice not found");
    }

    /** 32 random bytes, base64url: 256 bits, unguessable. */
    static String newPublicToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Runs {@code work} again after a concurrent change, but only in a transaction of its own: inside a
     * caller's transaction the first try's writes cannot be undone, so the conflict goes to the caller,
     * whose own transaction is the unit to retry.
     */
    private <T> T retrying(java.util.function.Supplier<T> work) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (OptimisticLockingFailureException | PessimisticLockingFailureException concurrent) {
                if (attempt >= ATTEMPTS) {
                    throw concurrent;
                }
                log.debug("concurrent change, attempt {} again", attempt, concurrent);
                try {
                    Thread.sleep(RANDOM.nextInt(5 * attempt + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw concurrent;
                }
            }
        }
    }
}
