package dev.remit.webhook;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.jobs.Job;
import dev.remit.jobs.JobResult;
import dev.remit.jobs.JobRun;
import dev.remit.jobs.JobScheduler;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One try at a webhook: builds the body (the event's invoice, with {@code type}, {@code locationId},
 * this attempt's {@code timestamp} and the webhook's {@code webhookId}), signs it, posts it and
 * records what came of it. A webhook waits while an earlier one of the same invoice to the same
 * subscription is still queued; when one finishes, the next is started at once.
 */
@Component
class WebhookWorker {

    static final String SIGNATURE = "x-wh-signature";
    static final String HMAC = "x-remit-hmac-sha256";
    /** How long a webhook waiting for an earlier one sleeps at most before looking again (it is woken sooner). */
    static final Duration ORDER_WAIT = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final BigDecimal MAX_SAFE = BigDecimal.valueOf(9_007_199_254_740_991L);

    private final WebhookRepository repository;
    private final WebhookHttp http;
    private final SigningKeys keys;
    private final WebhookMetrics metrics;
    private final WebhookProperties properties;
    private final TransactionTemplate transaction;
    private final JobScheduler jobs;
    private final ObjectProvider<Job<WebhookJob.DeliverWebhook>> job;
    private final Clock clock;
    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();

    WebhookWorker(WebhookRepository repository, WebhookHttp http, SigningKeys keys, WebhookMetrics metrics,
            WebhookProperties properties, TransactionTemplate transaction, JobScheduler jobs,
            ObjectProvider<Job<WebhookJob.DeliverWebhook>> job, Clock clock) {
        this.repository = repository;
        this.http = http;
        this.keys = keys;
        this.metrics = metrics;
        this.properties = properties;
        this.transaction = transaction;
        this.jobs = jobs;
        this.job = job;
        this.clock = clock;
    }

    JobResult deliver(WebhookJob.DeliverWebhook data, JobRun run) {
        Optional<WebhookDelivery> found = repository.delivery(data.locationId(), data.deliveryId());
        log.debug("webhook {}: {}", data.deliveryId(), found.map(d -> d.status() + " attempts " + d.attempts()).orElse("gone"));
        if (found.isEmpty()) {
            return new JobResult.Done(); // its subscription was removed
        }
        WebhookDelivery delivery = found.get();
        if (delivery.status() != WebhookDelivery.Status.QUEUED) {
            // done before (a server died after recording it): make sure the next one is not left waiting
            transaction.executeWithoutResult(status -> startNext(delivery));
            return new JobResult.Done();
        }
        Optional<Subscription> subscription = repository.find(delivery.locationId(), delivery.subscriptionId());
        if (subscription.isEmpty()) {
            return new JobResult.Done();
        }
        if (!subscription.get().enabled()) {
            repository.setStatus(delivery.locationId(), delivery.id(), WebhookDelivery.Status.PAUSED, null, null);
            return new JobResult.Done();
        }
        Instant now = now();
        Optional<WebhookDelivery> earlier = repository.queuedBefore(delivery);
        if (earlier.isPresent()) {
            Instant due = earlier.get().nextAttemptAt();
            log.debug("webhook {} waits for {}", delivery.id(), earlier.get().id());
            if (due == null || !due.isAfter(now)) {
                // The earlier one is being tried now. Its end starts this one, but cannot while this job is
                // running, as it is here; so this one looks again at the scheduler's next poll.
                return new JobResult.RetryAt(now);
            }
            Instant wake = now.plus(ORDER_WAIT);
            return new JobResult.RetryAt(due.isBefore(wake) ? due.plusSeconds(1) : wake);
        }
        Semaphore slots = inFlight.computeIfAbsent(delivery.subscriptionId(),
                id -> new Semaphore(properties.maxInFlightPerSubscription()));
        if (!slots.tryAcquire()) {
            return new JobResult.RetryAt(now.plusSeconds(1));
        }
        WebhookHttp.Outcome outcome;
        try {
            byte[] body = body(delivery, now);
            outcome = http.post(subscription.get().url(), body, headers(body, subscription.get()));
        } finally {
            slots.release();
        }
        metrics.attempt(outcome);
        return transaction.execute(status -> record(delivery, outcome, run, now));
    }

    private JobResult record(WebhookDelivery delivery, WebhookHttp.Outcome outcome, JobRun run, Instant at) {
        String locationId = delivery.locationId();
        if (outcome instanceof WebhookHttp.Outcome.Delivered delivered) {
            repository.attempted(locationId, delivery.id(), WebhookDelivery.Status.DELIVERED, delivered.status(), null, at, null);
            repository.succeeded(locationId, delivery.subscriptionId());
            metrics.webhook(delivery.eventType(), WebhookDelivery.Status.DELIVERED);
            startNext(delivery);
            return new JobResult.Done();
        }
        Integer status;
        String error;
        JobResult next;
        if (outcome instanceof WebhookHttp.Outcome.Transient failure) {
            status = failure.status();
            error = failure.error();
            next = run.failed(error, failure.retryAfter());
        } else {
            WebhookHttp.Outcome.Permanent failure = (WebhookHttp.Outcome.Permanent) outcome;
            status = failure.status();
            error = failure.error();
            next = new JobResult.Done();
        }
        if (next instanceof JobResult.Failed retry) {
            repository.attempted(locationId, delivery.id(), WebhookDelivery.Status.QUEUED, status, error, at, retry.at());
        } else {
            repository.attempted(locationId, delivery.id(), WebhookDelivery.Status.FAILED, status, error, at, null);
            metrics.webhook(delivery.eventType(), WebhookDelivery.Status.FAILED);
            startNext(delivery);
        }
        repository.failing(locationId, delivery.subscriptionId(), at);
        repository.find(locationId, delivery.subscriptionId())
                .filter(s -> s.enabled() && s.failingSince() != null && !s.failingSince().plus(properties.disableAfter()).isAfter(at))
                .ifPresent(s -> {
                    String reason = "every attempt since " + s.failingSince() + " failed (last: " + error + ")";
                    if (repository.disable(locationId, s.id(), reason.length() > 500 ? reason.substring(0, 497) + "..." : reason, at)) {
                        metrics.disabled();
                        log.warn("webhook subscription {} of location {} disabled: {}", s.id(), locationId, reason);
                    }
                });
        return next;
    }

    /** Called when the retries ran out: the webhook failed. */
    void exhausted(WebhookJob.DeliverWebhook data, String reason) {
        log.info("webhook {} of location {} failed: {}", data.deliveryId(), data.locationId(), reason);
    }

    /** The next queued webhook of the same invoice to the same subscription is due now. */
    private void startNext(WebhookDelivery delivery) {
        repository.queuedAfter(delivery).ifPresent(next ->
                jobs.schedule(job.getObject(), next.id(), new WebhookJob.DeliverWebhook(next.locationId(), next.id()), now()));
    }

    /**
     * The body of an attempt: HighLevel's order, {@code type} and {@code locationId} first. Written as
     * JavaScript's {@code JSON.stringify} writes it (compact, numbers without trailing zeros), so a
     * receiver that verifies {@code JSON.stringify(req.body)}, as HighLevel's guide does, gets the
     * bytes that were signed.
     */
    byte[] body(WebhookDelivery delivery, Instant at) {
        ObjectNode invoice = (ObjectNode) JSON.readTree(repository.payload(delivery.locationId(), delivery.id()));
        ObjectNode body = JSON.createObjectNode();
        body.put("type", delivery.eventType());
        body.put("locationId", delivery.locationId());
        body.setAll(invoice);
        body.put("timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("webhookId", delivery.webhookId());
        return JSON.writeValueAsBytes(asJavaScriptWrites(body));
    }

    /**
     * Numbers as JavaScript writes them: whole ones without a fraction, others without trailing zeros
     * and never in exponent form (money and rates are far from where JavaScript would use one).
     */
    static JsonNode asJavaScriptWrites(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), asJavaScriptWrites(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(asJavaScriptWrites(element)));
            return copy;
        }
        if (node.isNumber() && !node.isIntegralNumber() || node.isBigInteger()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            if (value.scale() <= 0 && value.abs().compareTo(MAX_SAFE) <= 0) {
                return JSON.getNodeFactory().numberNode(value.longValueExact());
            }
            return JSON.getNodeFactory().numberNode(value);
        }
        return node;
    }

    Map<String, String> headers(byte[] body, Subscription subscription) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SIGNATURE, keys.sign(body));
        if (subscription.hmacSecret() != null) {
            headers.put(HMAC, hmac(subscription.hmacSecret(), body));
        }
        return headers;
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
