package dev.remit.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.remit.jobs.JobResult;
import dev.remit.jobs.JobRun;

/**
 * Delivers one message: the handler of the delivery job ({@link DeliveryJob}). Loads the message, tries its channel once
 * and records the outcome. A message that is no longer queued (a second run after a crash, after
 * its outcome was recorded) is left alone, so the only message that can go out twice is one whose
 * try was cut short between handing it over and recording it.
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryRepository repository;
    private final Channels channels;
    private final Duration horizon;
    private final DeliveryMetrics metrics;
    private final EmailWriters writers;
    private final Clock clock;

    DeliveryWorker(DeliveryRepository repository, Channels channels, DeliveryProperties properties, DeliveryMetrics metrics,
            EmailWriters writers, Clock clock) {
        this.repository = repository;
        this.writers = writers;
        this.channels = channels;
        this.horizon = properties.retryHorizon();
        this.metrics = metrics;
        this.clock = Clock.tick(clock, Duration.ofMillis(1)); // milliseconds, as the API writes times
    }

    /** One try of the delivery job. */
    JobResult deliver(DeliveryJob.DeliverMessage job, JobRun run) {
        String locationId = job.locationId();
        String id = job.deliveryId();
        Optional<Delivery> found = locationId == null ? Optional.empty() : repository.find(locationId, id);
        if (found.isEmpty()) {
            log.warn("delivery {} of location {} is not in the log; nothing to send", id, locationId);
            return new JobResult.Done();
        }
        Delivery delivery = found.get();
        if (delivery.status().isFinal()) {
            log.debug("delivery {} is already {}", id, delivery.status().wire());
            return new JobResult.Done();
        }
        Instant started = clock.instant();
        repository.startAttempt(locationId, id, started);
        int attempt = delivery.attempts() + 1;

        Outcome outcome;
        try {
            outcome = tryOnce(delivery);
        } catch (RuntimeException unexpected) {
            log.warn("delivery {} failed unexpectedly", id, unexpected);
            outcome = new Outcome.Transient(ErrorText.of(unexpected));
        }
        metrics.attempt(delivery.channel(), outcome);
        Instant now = clock.instant();
        if (outcome instanceof Outcome.Delivered delivered) {
            DeliveryStatus status = delivery.sandboxed() ? DeliveryStatus.SANDBOXED : DeliveryStatus.SENT;
            if (repository.finish(locationId, id, status, delivered.providerId(), null, now)) {
                metrics.finished(delivery.channel(), status);
            }
            log.info("{} {} {} to {} ({}, try {})", delivery.channel().wire(), id, status.wire(),
                    String.join(", ", delivery.to()), delivered.providerId(), attempt);
            return new JobResult.Done();
        }
        if (outcome instanceof Outcome.Permanent permanent) {
            fail(delivery, permanent.error(), now, attempt);
            return new JobResult.Done();
        }
        Outcome.Transient failure = (Outcome.Transient) outcome;
        JobResult next = run.failed(failure.error(), failure.retryAfter());
        if (next instanceof JobResult.Failed retry) {
            repository.retryLater(locationId, id, ErrorText.clean(failure.error()), retry.at());
            log.info("{} {} try {} failed, next try at {}: {}", delivery.channel().wire(), id, attempt, retry.at(),
                    failure.error());
        }
        return next;
    }

    /** The retry horizon has passed: the message fails, saying why. */
    void giveUp(DeliveryJob.DeliverMessage job, String error) {
        repository.find(job.locationId(), job.deliveryId()).filter(delivery -> !delivery.status().isFinal())
                .ifPresent(delivery -> fail(delivery, "gave up after " + delivery.attempts() + " tries in " + human(horizon)
                        + ": " + error, clock.instant(), delivery.attempts()));
    }

    /** A pending email is written, and what was written kept, before its first try. */
    private Outcome tryOnce(Delivery delivery) {
        OutboundMessage message = repository.message(delivery.locationId(), delivery.id());
        if (message instanceof EmailMessage email && email.isPending()) {
            try {
                message = writers.write(email);
            } catch (RuntimeException unwritable) {
                Outcome failure = EmailWriters.failure(unwritable);
                if (!(unwritable instanceof IllegalArgumentException)) {
                    log.warn("email {} could not be written", delivery.id(), unwritable);
                }
                return failure;
            }
            repository.storeWritten(delivery.locationId(), delivery.id(), (EmailMessage) message);
        }
        return channels.deliver(delivery.id(), delivery.messageId(), message);
    }

    private void fail(Delivery delivery, String error, Instant now, int attempt) {
        if (repository.finish(delivery.locationId(), delivery.id(), DeliveryStatus.FAILED, null, ErrorText.clean(error), now)) {
            metrics.finished(delivery.channel(), DeliveryStatus.FAILED);
        }
        log.warn("{} {} failed after {} tries: {}", delivery.channel().wire(), delivery.id(), attempt, error);
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
