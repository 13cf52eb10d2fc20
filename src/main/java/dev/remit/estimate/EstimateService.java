package dev.remit.estimate;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.api.ApiException;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.numbering.DocumentNumbers;
import dev.remit.numbering.NumberTakenException;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything that is done to estimates, each in one transaction (the caller's when there is one), by
 * intent: create, update, delete, send, record a visit, accept, decline, expire, and make the invoice.
 * Each change publishes its event ({@link EstimateCreated}, {@link EstimateAccepted}, ...) inside that
 * transaction, after the write. Time is the injected clock; "today" and expiry are in the location's zone.
 */
@Service
public class EstimateService {

    /** The number sequence of estimates ({@link DocumentNumbers}). */
    public static final String SEQUENCE = "estimate";

    private static final Logger log = LoggerFactory.getLogger(EstimateService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 20;

    private final EstimateRepository repository;
    private final DocumentNumbers numbers;
    private final InvoiceService invoices;
    private final InvoiceSettingsService invoiceSettings;
    private final TenancyRepository tenancy;
    private final TransactionTemplate transaction;
    private final java.time.Clock clock;
    private final ApplicationEventPublisher events;

    EstimateService(EstimateRepository repository, DocumentNumbers numbers, InvoiceService invoices,
            InvoiceSettingsService invoiceSettings, TenancyRepository tenancy, TransactionTemplate transaction,
            java.time.Clock clock, ApplicationEventPublisher events) {
        this.repository = repository;
        this.numbers = numbers;
        this.invoices = invoices;
        this.invoiceSettings = invoiceSettings;
        this.tenancy = tenancy;
        this.transaction = transaction;
        this.clock = clock;
        this.events = events;
    }

    /** What {@link #createInvoice} answers: the estimate as it is now, its invoice, and whether this call made it. */
    public record Invoiced(Estimate estimate, Invoice invoice, boolean created) {
    }

    @FunctionalInterface
    private interface Change<T> {
        T apply(Estimate estimate, ZoneId zone, Consumer<Object> happened);
    }

    /**
     * Creates a draft numbered from the location's estimate sequence (or with {@code requestedNumber} when
     * it is unused: otherwise 422), in the same transaction as the number is taken. {@code userId} is who
     * created it, for its history (null when the caller named nobody).
     */
    public Estimate create(String locationId, EstimateContent content, String requestedNumber, String userId) {
        numbers.prepare(locationId, SEQUENCE);
        return retrying(() -> transaction.execute(status -> {
            String number;
            try {
                number = numbers.assign(locationId, SEQUENCE, requestedNumber,
                        candidate -> repository.numberExists(locationId, candidate));
            } catch (NumberTakenException taken) {
                throw numberTaken(taken.number());
            }
            Instant now = now();
            Estimate estimate = Estimate.draft(Ids.newId(), locationId, number, newPublicToken(), content, userId, now);
            try {
                repository.insert(estimate);
            } catch (DuplicateKeyException taken) {
                if (requestedNumber != null) {
                    throw numberTaken(requestedNumber);
                }
                throw taken;
            }
            events.publishEvent(new EstimateCreated(locationId, estimate.id(), now, estimate.expiryDate(),
                    estimate.autoInvoice(), estimate.status()));
            return estimate;
        }));
    }

    /** The estimate of this location, or 404 "Estimate not found" (also for another location's estimate). */
    public Estimate get(String locationId, String estimateId) {
        return find(locationId, estimateId).orElseThrow(EstimateService::notFound);
    }

    /** As {@link #get}. */
    public Estimate load(String locationId, String estimateId) {
        return get(locationId, estimateId);
    }

    public Optional<Estimate> find(String locationId, String estimateId) {
        if (locationId == null || estimateId == null || !Ids.isValid(estimateId)) {
            return Optional.empty();
        }
        return repository.find(locationId, estimateId);
    }

    /** For the public estimate page: the estimate whose public token this is. */
    public Optional<Estimate> findByPublicToken(String publicToken) {
        return publicToken == null || publicToken.isBlank() ? Optional.empty()
                : repository.findByPublicToken(publicToken);
    }

    /** The location of an estimate, for callers that only know its id. */
    public Optional<String> locationOf(String estimateId) {
        return estimateId == null || !Ids.isValid(estimateId) ? Optional.empty() : repository.locationOf(estimateId);
    }

    /** The estimate an invoice was made from, if it was ({@link #createInvoice}). */
    public Optional<Estimate> estimateOfInvoice(String locationId, String invoiceId) {
        return repository.estimateOfInvoice(locationId, invoiceId).flatMap(id -> find(locationId, id));
    }

    /**
     * Replaces the content with what {@code content} makes of the current estimate (see
     * {@link Estimate#revise}); {@code requestedNumber}, when given, must be its number.
     * {@code requestedStatus} is update-estimate's {@code estimateStatus}: null, {@code all} or the current
     * status change nothing; {@code accepted} and {@code declined} are the business answering for the
     * customer (the aggregate's rules apply); any other change of status is refused (422).
     */
    public Estimate update(String locationId, String estimateId, String requestedNumber, String requestedStatus,
            String userId, Function<Estimate, EstimateContent> content) {
        return modify(locationId, estimateId, (estimate, zone, happened) -> {
            Instant now = now();
            estimate.revise(content.apply(estimate), requestedNumber, userId, now, zone);
            happened.accept(new EstimateUpdated(locationId, estimateId, now, estimate.expiryDate(),
                    estimate.autoInvoice(), estimate.status()));
            if (requestedStatus != null && !requestedStatus.equals("all")
                    && !requestedStatus.equals(estimate.status().wire())) {
                switch (requestedStatus) {
                    case "accepted" -> accepting(estimate, estimate.content().contactText("name"), null,
                            EstimateAction.USER, userId, now, zone, happened);
                    case "declined" -> declining(estimate, null, EstimateAction.USER, userId, now, zone, happened);
                    default -> throw EstimateRuleException.unprocessable("estimateStatus cannot be changed from "
                            + estimate.status().wire() + " to " + requestedStatus + " by update-estimate");
                }
            }
            return estimate;
        });
    }

    /** The content after an update, with no change of number or status. */
    public Estimate update(String locationId, String estimateId, Function<Estimate, EstimateContent> content) {
        return update(locationId, estimateId, null, null, null, content);
    }

    /** Deletes an estimate (not one that became an invoice: 400). Returns it as it was. */
    public Estimate delete(String locationId, String estimateId) {
        return retrying(() -> transaction.execute(status -> {
            Estimate estimate = get(locationId, estimateId);
            estimate.requireDeletable();
            repository.delete(estimate);
            events.publishEvent(new EstimateDeleted(locationId, estimateId, now()));
            return estimate;
        }));
    }

    /**
     * Marks the estimate sent (see {@link Estimate#markSent}) after {@code check} accepted it, saves it and
     * publishes {@link EstimateSent}; {@code liveMode} null keeps the estimate's. In the caller's transaction
     * when there is one, so the messages the caller queues commit with it.
     */
    public Estimate markSent(String locationId, String estimateId, String userId, Boolean liveMode,
            Consumer<Estimate> check) {
        return modify(locationId, estimateId, (estimate, zone, happened) -> {
            check.accept(estimate);
            Instant now = now();
            estimate.markSent(userId, liveMode, now, zone);
            happened.accept(new EstimateSent(locationId, estimateId, now, estimate.expiryDate(),
                    estimate.content().liveMode()));
            return estimate;
        });
    }

    /** As {@link #markSent(String, String, String, Boolean, Consumer)}, with nothing to check first. */
    public Estimate markSent(String locationId, String estimateId, String userId, Boolean liveMode) {
        return markSent(locationId, estimateId, userId, liveMode, unchecked -> { });
    }

    /**
     * The customer opened the estimate: its visit is counted and a sent estimate becomes viewed
     * ({@link EstimateViewed}). False when the location has no such estimate.
     */
    public boolean recordVisit(String locationId, String estimateId) {
        if (find(locationId, estimateId).isEmpty()) {
            return false;
        }
        modify(locationId, estimateId, (estimate, zone, happened) -> {
            Instant now = now();
            if (estimate.recordVisit(now)) {
                happened.accept(new EstimateViewed(locationId, estimateId, now));
            }
            return null;
        });
        return true;
    }

    /**
     * The customer accepts, with the name they typed and optionally their drawn signature. Idempotent:
     * accepting an accepted estimate answers it as it is and publishes nothing. 422 for a draft, declined,
     * invoiced or expired estimate. The first acceptance publishes {@link EstimateAccepted}.
     */
    public Estimate accept(String locationId, String estimateId, String name, String signature) {
        return modify(locationId, estimateId, (estimate, zone, happened) -> {
            accepting(estimate, name, signature, EstimateAction.CUSTOMER, null, now(), zone, happened);
            return estimate;
        });
    }

    private static void accepting(Estimate estimate, String name, String signature, String actor, String actorId,
            Instant now, ZoneId zone, Consumer<Object> happened) {
        if (estimate.accept(name, signature, actor, actorId, now, zone)) {
            happened.accept(new EstimateAccepted(estimate.locationId(), estimate.id(), now, estimate.acceptedName(),
                    estimate.autoInvoice()));
        }
    }

    /** The customer declines, with a reason when given. Idempotent like {@link #accept}. */
    public Estimate decline(String locationId, String estimateId, String reason) {
        return modify(locationId, estimateId, (estimate, zone, happened) -> {
            declining(estimate, reason, EstimateAction.CUSTOMER, null, now(), zone, happened);
            return estimate;
        });
    }

    private static void declining(Estimate estimate, String reason, String actor, String actorId, Instant now,
            ZoneId zone, Consumer<Object> happened) {
        if (estimate.decline(reason, actor, actorId, now, zone)) {
            happened.accept(new EstimateDeclined(estimate.locationId(), estimate.id(), now, estimate.declineReason()));
        }
    }

    /**
     * Records the expiry of an open estimate whose expiryDate has passed in the location's zone (the
     * expiry job calls it at {@link #expiresAt}); publishes {@link EstimateExpired} the first time. Nothing
     * happens to an estimate that is answered, already expired, not yet due, or gone (empty).
     */
    public Optional<Estimate> expire(String locationId, String estimateId) {
        if (find(locationId, estimateId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(modify(locationId, estimateId, (estimate, zone, happened) -> {
            Instant now = now();
            if (estimate.expire(now, zone)) {
                happened.accept(new EstimateExpired(locationId, estimateId, now, estimate.expiryDate()));
            }
            return estimate;
        }));
    }

    /** When the estimate expires: the start of the day after its expiryDate in its location's zone. */
    public Instant expiresAt(Estimate estimate) {
        return estimate.expiresAt(zone(estimate.locationId()));
    }

    /** Whether the estimate is expired now (recorded, or past its expiry: docs/estimates.md). */
    public boolean isExpired(Estimate estimate) {
        return estimate.isExpired(now(), zone(estimate.locationId()));
    }

    /**
     * Makes the invoice of this estimate through {@link InvoiceService#create} (the estimate's content, the
     * location's invoice settings for number, title and due date) and links both ways; with
     * {@code markAsInvoiced} the estimate becomes invoiced. Exactly once: the estimate's row is locked
     * while the invoice is made, so a second call, on this instance or another, waits and answers the
     * same invoice (marking the estimate invoiced if it now asks to); {@code estimate_invoice}'s key on
     * the estimate is the last line of defence. 422 for a declined estimate.
     */
    public Invoiced createInvoice(String locationId, String estimateId, boolean markAsInvoiced) {
        return createInvoice(locationId, estimateId, markAsInvoiced, null);
    }

    /** As {@link #createInvoice(String, String, boolean)}, recording {@code userId} as who asked. */
    public Invoiced createInvoice(String locationId, String estimateId, boolean markAsInvoiced, String userId) {
        if (find(locationId, estimateId).isEmpty()) {
            throw notFound();
        }
        numbers.prepare(locationId, DocumentNumbers.INVOICE);
        for (int attempt = 1; ; attempt++) {
            try {
                return retrying(() -> transaction.execute(status -> invoiceOnce(locationId, estimateId, markAsInvoiced,
                        userId)));
            } catch (DuplicateKeyException raced) {
                // another writer linked an invoice between our read and our insert: read theirs
                if (attempt >= 3 || TransactionSynchronizationManager.isActualTransactionActive()) {
                    throw raced;
                }
                log.debug("estimate {} was invoiced concurrently; reading the invoice made", estimateId, raced);
            }
        }
    }

    private Invoiced invoiceOnce(String locationId, String estimateId, boolean markAsInvoiced, String userId) {
        Estimate estimate = repository.lock(locationId, estimateId).orElseThrow(EstimateService::notFound);
        Instant now = now();
        if (estimate.invoiceId() != null) {
            Optional<Invoice> made = invoices.find(locationId, estimate.invoiceId());
            if (made.isPresent()) {
                if (markAsInvoiced && estimate.markInvoiced(userId, now)) {
                    repository.update(estimate);
                    events.publishEvent(new EstimateInvoiced(locationId, estimateId, now, estimate.invoiceId(), true));
                }
                return new Invoiced(estimate, made.get(), false);
            }
            // the invoice made from it was a draft the business deleted: make a new one
            estimate.forgetInvoice(now);
            repository.deleteInvoiceLink(locationId, estimateId);
        }
        estimate.requireInvoiceable();
        Location location = location(locationId);
        Invoice invoice = invoices.create(locationId, invoiceContent(estimate, location), null);
        repository.insertInvoiceLink(locationId, estimateId, invoice.id(), now);
        estimate.linkInvoice(invoice.id(), markAsInvoiced, userId, now);
        repository.update(estimate);
        events.publishEvent(new EstimateInvoiced(locationId, estimateId, now, invoice.id(), markAsInvoiced));
        return new Invoiced(estimate, invoice, true);
    }

    /**
     * The invoice an estimate becomes: its content (items, taxes, discount, charges, details, terms,
     * attachments), issued today in the location's zone and due after the settings' days, with the
     * settings' title and number prefix; {@code sentTo} is the estimate's, or the contact's email.
     * The invoice's document keeps where it came from ({@code estimate}: id and number).
     */
    InvoiceContent invoiceContent(Estimate estimate, Location location) {
        EstimateContent c = estimate.content();
        InvoiceSettings settings = invoiceSettings.effective(location);
        LocalDate issue = LocalDate.ofInstant(now(), zone(location));
        int dueDays = settings.dueAfterXDays() == null ? InvoiceSettings.DEFAULT_DUE_AFTER_DAYS : settings.dueAfterXDays();
        JsonNode sentTo = c.sentTo();
        if (sentTo == null || !sentTo.path("email").isArray()) {
            ObjectNode made = JsonNodeFactory.instance.objectNode();
            var emails = made.putArray("email");
            if (c.contactText("email") != null) {
                emails.add(c.contactText("email"));
            }
            if (c.contactText("phoneNo") != null) {
                made.putArray("phoneNo").add(c.contactText("phoneNo"));
            }
            sentTo = made;
        }
        ObjectNode extras = JsonNodeFactory.instance.objectNode();
        JsonNode attachments = c.extras() == null ? null : c.extras().get("attachments");
        if (attachments != null && !attachments.isNull()) {
            extras.set("attachments", attachments.deepCopy());
        }
        extras.putObject("estimate").put("id", estimate.id()).put("number", estimate.displayNumber());
        return new InvoiceContent(c.name(), settings.title(), c.currency(), issue, issue.plusDays(dueDays), c.items(),
                c.discount(), c.termsNotes() != null ? c.termsNotes() : settings.termsNote(),
                settings.invoiceNumberPrefix(), c.liveMode(), c.automaticTaxesEnabled(), c.businessDetails(),
                c.contactDetails(), sentTo, null, c.miscellaneousCharges(), c.charges(), extras, c.smsPhones());
    }

    public EstimateRepository.Page list(String locationId, EstimateRepository.Filter filter, int limit, int offset) {
        return repository.list(locationId, filter, limit, offset);
    }

    /** The number the next estimate without one will get (not reserved). */
    public long nextNumber(String locationId) {
        return numbers.peek(locationId, SEQUENCE, candidate -> repository.numberExists(locationId, candidate));
    }

    /** The location's time zone (UTC when it names none or an unknown one). */
    public ZoneId zone(String locationId) {
        return tenancy.findLocation(locationId).map(EstimateService::zone).orElse(ZoneOffset.UTC);
    }

    static ZoneId zone(Location location) {
        try {
            return location.timeZone() == null || location.timeZone().isBlank() ? ZoneOffset.UTC
                    : ZoneId.of(location.timeZone());
        } catch (RuntimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    private Location location(String locationId) {
        return tenancy.findLocation(locationId).orElseThrow(EstimateService::notFound);
    }

    /**
     * Loads, changes and saves an estimate in one transaction; when another request saved it in between,
     * does it all again on the fresh estimate, so no write is lost.
     */
    private <T> T modify(String locationId, String estimateId, Change<T> change) {
        ZoneId zone = zone(locationId);
        return retrying(() -> transaction.execute(status -> {
            Estimate estimate = get(locationId, estimateId);
            List<Object> happened = new ArrayList<>();
            T result = change.apply(estimate, zone, happened::add);
            repository.update(estimate);
            happened.forEach(events::publishEvent);
            return result;
        }));
    }

    static ApiException notFound() {
        return ApiException.notFound("Estimate not found");
    }

    private static ApiException numberTaken(String number) {
        return ApiException.unprocessable("estimateNumber " + number + " is already used by another estimate");
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
     * caller's transaction the first try's writes cannot be undone, so the conflict goes to the caller.
     */
    private <T> T retrying(java.util.function.Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
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
