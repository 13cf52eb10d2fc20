package dev.remit.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.jobs.Job;
import dev.remit.jobs.JobScheduler;
import dev.remit.tenancy.Ids;
import tools.jackson.databind.node.ObjectNode;

/**
 * A location's subscriptions, queueing a webhook for every subscription that wants an event, the
 * webhook log, replay, and enabling a subscription again. Queueing happens in the caller's
 * transaction: the webhooks commit (and their jobs are scheduled) with the change that caused them.
 */
@Service
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository repository;
    private final JobScheduler jobs;
    private final Job<WebhookJob.DeliverWebhook> job;
    private final TransactionTemplate transaction;
    private final WebhookMetrics metrics;
    private final Clock clock;

    WebhookService(WebhookRepository repository, JobScheduler jobs, Job<WebhookJob.DeliverWebhook> job,
            TransactionTemplate transaction, WebhookMetrics metrics, Clock clock) {
        this.repository = repository;
        this.jobs = jobs;
        this.job = job;
        this.transaction = transaction;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A refusal of a subscription's settings; the message names the field. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    /** Subscribes {@code url} to {@code events}; with {@code hmac} a secret is made for it (shown in the answer). */
    public Subscription subscribe(String locationId, String url, List<WebhookEvent> events, boolean hmac) {
        check(url, events);
        Instant now = now();
        Subscription subscription = new Subscription(Ids.newId(), locationId, url, distinct(events),
                hmac ? newSecret() : null, true, null, null, now, now);
        repository.insert(subscription);
        return subscription;
    }

    /** Changes what is given (null: unchanged); {@code hmac} false removes the secret, true makes a new one. */
    public Optional<Subscription> change(String locationId, String id, String url, List<WebhookEvent> events, Boolean hmac) {
        return transaction.execute(status -> repository.find(locationId, id).map(s -> {
            String newUrl = url == null ? s.url() : url;
            List<WebhookEvent> newEvents = events == null ? s.events() : distinct(events);
            check(newUrl, newEvents);
            String secret = hmac == null ? s.hmacSecret() : hmac ? newSecret() : null;
            Subscription changed = new Subscription(s.id(), s.locationId(), newUrl, newEvents, secret, s.enabled(),
                    s.disabledReason(), s.failingSince(), s.createdAt(), now());
            repository.update(changed);
            return changed;
        }));
    }

    public List<Subscription> subscriptions(String locationId) {
        return repository.forLocation(locationId);
    }

    public Optional<Subscription> subscription(String locationId, String id) {
        return Ids.isValid(id) ? repository.find(locationId, id) : Optional.empty();
    }

    /** Removes a subscription and its log; webhooks still queued for it are dropped when their job runs. */
    public boolean unsubscribe(String locationId, String id) {
        return repository.delete(locationId, id);
    }

    /** Stops deliveries to a subscription; its webhooks wait (paused) until it is enabled again. */
    public Optional<Subscription> disable(String locationId, String id, String reason) {
        return transaction.execute(status -> {
            repository.disable(locationId, id, reason == null ? "disabled by its owner" : reason, now());
            return repository.find(locationId, id);
        });
    }

    /** Enables a subscription again: its paused webhooks are sent, in order per invoice. */
    public Optional<Subscription> enable(String locationId, String id) {
        return transaction.execute(status -> repository.find(locationId, id).map(s -> {
            Instant now = now();
            Subscription enabled = new Subscription(s.id(), s.locationId(), s.url(), s.events(), s.hmacSecret(), true,
                    null, null, s.createdAt(), now);
            repository.update(enabled);
            for (WebhookDelivery paused : repository.paused(locationId, id)) {
                repository.setStatus(locationId, paused.id(), WebhookDelivery.Status.QUEUED, null, now);
                jobs.schedule(job, paused.id(), new WebhookJob.DeliverWebhook(locationId, paused.id()), now);
            }
            return enabled;
        }));
    }

    /**
     * Queues {@code event} of an invoice (as GET returns it) for every subscription of the location that
     * wants it. Must run inside the transaction of the change.
     */
    public int queue(WebhookEvent event, String locationId, String invoiceId, boolean liveMode, ObjectNode invoice) {
        Instant now = now();
        int queued = 0;
        for (Subscription subscription : repository.forLocation(locationId)) {
            if (subscription.wants(event)) {
                insert(subscription, event.type(), invoiceId, liveMode, UUID.randomUUID().toString(), null,
                        invoice.toString(), now);
                queued++;
            }
        }
        return queued;
    }

    /**
     * Sends a webhook again: a new log line with the same {@code webhookId} and invoice, queued after
     * whatever the subscription still has queued for that invoice.
     */
    public Optional<WebhookDelivery> replay(String locationId, String deliveryId) {
        if (!Ids.isValid(deliveryId)) {
            return Optional.empty();
        }
        return transaction.execute(status -> repository.delivery(locationId, deliveryId).flatMap(original ->
                repository.find(locationId, original.subscriptionId()).map(subscription -> {
                    String id = insert(subscription, original.eventType(), original.invoiceId(), original.liveMode(),
                            original.webhookId(), original.id(), repository.payload(locationId, original.id()), now());
                    return repository.delivery(locationId, id).orElseThrow();
                })));
    }

    private String insert(Subscription subscription, String eventType, String invoiceId, boolean liveMode,
            String webhookId, String replayOf, String payload, Instant now) {
        String id = Ids.newId();
        WebhookDelivery.Status status = subscription.enabled() ? WebhookDelivery.Status.QUEUED : WebhookDelivery.Status.PAUSED;
        repository.insert(new WebhookDelivery(id, webhookId, subscription.id(), subscription.locationId(), invoiceId,
                eventType, repository.nextSeq(subscription.id(), invoiceId), liveMode, status, 0, null, null, now, null,
                subscription.enabled() ? now : null, null, replayOf), payload);
        if (subscription.enabled()) {
            jobs.schedule(job, id, new WebhookJob.DeliverWebhook(subscription.locationId(), id), now);
        }
        metrics.webhook(eventType, WebhookDelivery.Status.QUEUED);
        return id;
    }

    public List<WebhookDelivery> log(String locationId, String subscriptionId, int limit, int offset) {
        return repository.log(locationId, subscriptionId, limit, offset);
    }

    public long logSize(String locationId, String subscriptionId) {
        return repository.logSize(locationId, subscriptionId);
    }

    public Optional<WebhookDelivery> delivery(String locationId, String id) {
        return Ids.isValid(id) ? repository.delivery(locationId, id) : Optional.empty();
    }

    /** Why a receiver URL is refused (not an absolute http or https URL, user info, a fragment); null when it is fine. */
    public static String urlRefusal(String url) {
        return WebhookHttp.refusal(url);
    }

    private static void check(String url, List<WebhookEvent> events) {
        String refusal = url == null || url.isBlank() ? "url should not be empty" : WebhookHttp.refusal(url);
        if (refusal != null) {
            throw new Invalid(refusal);
        }
        if (url.length() > 2048) {
            throw new Invalid("url must be shorter than or equal to 2048 characters");
        }
        if (events == null || events.isEmpty()) {
            throw new Invalid("events should not be empty");
        }
    }

    private static List<WebhookEvent> distinct(List<WebhookEvent> events) {
        return events.stream().distinct().toList();
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
