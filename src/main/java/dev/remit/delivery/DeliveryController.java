package dev.remit.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.remit.api.ApiException;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelPaths;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.Scopes;

/**
 * remit's own extension: {@code GET /invoices/{invoiceId}/deliveries?altId=&altType=location}, the
 * delivery log of an invoice (every email and SMS sent for it, and where each one is).
 */
@RestController
class DeliveryController {

    private final DeliveryService deliveries;
    private final InvoiceLookup invoices;
    private final EstimateLookup estimates;

    DeliveryController(DeliveryService deliveries, ObjectProvider<InvoiceLookup> invoices,
            ObjectProvider<EstimateLookup> estimates, DeliveryRepository repository) {
        this.deliveries = deliveries;
        this.invoices = invoices.getIfUnique(() -> repository::anyForInvoice);
        this.estimates = estimates.getIfUnique(() -> repository::anyForInvoice);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Line(String id, String channel, String to, List<String> cc, List<String> bcc, String messageId,
            String status, int attempts, @JsonInclude(JsonInclude.Include.ALWAYS) String lastError,
            @JsonInclude(JsonInclude.Include.ALWAYS) String providerId, Instant queuedAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant sentAt, Instant nextAttemptAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) boolean sandboxed) {

        static Line of(Delivery d) {
            return new Line(d.id(), d.channel().wire(), String.join(", ", d.to()), d.cc(), d.bcc(), d.messageId(),
                    d.status().wire(), d.attempts(), d.lastError(), d.providerId(), d.queuedAt(), d.sentAt(),
                    d.status() == DeliveryStatus.QUEUED ? d.nextAttemptAt() : null, d.sandboxed());
        }
    }

    @GetMapping(HighLevelPaths.INVOICE + "/deliveries")
    @HighLevelOperation(scopes = Scopes.INVOICES_READONLY)
    Map<String, List<Line>> deliveries(@PathVariable String invoiceId, Location location) {
        String locationId = location.id();
        if (!Ids.isValid(invoiceId) || !invoices.exists(locationId, invoiceId)) {
            throw ApiException.notFound("Invoice not found");
        }
        return Map.of("deliveries", deliveries.deliveries(locationId, invoiceId).stream().map(Line::of).toList());
    }

    /** remit's own extension: the delivery log of an estimate (its emails and SMS, kept under its id). */
    @GetMapping("/invoices/estimate/{estimateId}/deliveries")
    @HighLevelOperation(scopes = "invoices/estimate.readonly")
    Map<String, List<Line>> estimateDeliveries(@PathVariable String estimateId, Location location) {
        String locationId = location.id();
        if (!Ids.isValid(estimateId) || !estimates.exists(locationId, estimateId)) {
            throw ApiException.notFound("Estimate not found");
        }
        return Map.of("deliveries", deliveries.deliveries(locationId, estimateId).stream().map(Line::of).toList());
    }
}
