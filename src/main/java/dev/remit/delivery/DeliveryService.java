package dev.remit.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.remit.jobs.Job;
import dev.remit.jobs.JobScheduler;
import dev.remit.tenancy.Ids;

/**
 * The delivery capability's API. {@link #enqueue(OutboundMessage)} joins the caller's transaction:
 * the delivery log row (with the message) and its job commit together with the
 * caller's business change, or not at all. Workers then deliver in the background, on any instance.
 */
@Service
public class DeliveryService {

    private final DeliveryRepository repository;
    private final JobScheduler jobs;
    private final Job<DeliveryJob.DeliverMessage> job;
    private final Channels channels;
    private final DeliveryMetrics metrics;
    private final java.time.Clock clock;

    DeliveryService(DeliveryRepository repository, JobScheduler jobs, Job<DeliveryJob.DeliverMessage> deliverMessage,
            Channels channels, DeliveryMetrics metrics, java.time.Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.jobs = jobs;
        this.job = deliverMessage;
        this.channels = channels;
        this.metrics = metrics;
    }

    /**
     * Queues one message: stores it and its job in the current transaction (a new one when there is
     * none).
     *
     * @throws IllegalArgumentException when the message is not sendable (no recipient, an address
     *         with a line break, a number not in E.164 form, ...); the caller should have said so
     *         to its client with a 422 first
     */
    @Transactional
    public Queued enqueue(OutboundMessage message) {
        OutboundMessage checked = MessageChecks.checked(message);
        String id = Ids.newId();
        String messageId = checked instanceof EmailMessage ? "<" + id + "@" + channels.messageIdDomain() + ">" : id;
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        repository.insert(id, checked, messageId, now);
        jobs.schedule(job, id, new DeliveryJob.DeliverMessage(checked.locationId(), id), now);
        Channel channel = checked.channel();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    metrics.queued(channel);
                }
            });
        } else {
            metrics.queued(channel);
        }
        return new Queued(id, channel, messageId, checked.recipients(), DeliveryStatus.QUEUED, checked.sandbox());
    }

    /** Queues several messages in one transaction: all of them or none. */
    @Transactional
    public List<Queued> enqueueAll(List<? extends OutboundMessage> messages) {
        List<Queued> queued = new ArrayList<>(messages.size());
        for (OutboundMessage message : messages) {
            queued.add(enqueue(message));
        }
        return queued;
    }

    /** The delivery log of one invoice of a location, oldest first. */
    public List<Delivery> deliveries(String locationId, String invoiceId) {
        return repository.forInvoice(locationId, invoiceId);
    }

    /**
     * The latest email of an invoice that a writer wrote when it was delivered (the invoice's own
     * email), as it was queued: who it was from and to.
     */
    public Optional<EmailMessage> lastWrittenEmail(String locationId, String invoiceId, String writer) {
        return repository.queuedEmails(locationId, invoiceId).stream().filter(email -> writer.equals(email.writer()))
                .findFirst();
    }

    public Optional<Delivery> delivery(String locationId, String deliveryId) {
        return repository.find(locationId, deliveryId);
    }
}
