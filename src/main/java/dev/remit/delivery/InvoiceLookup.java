package dev.remit.delivery;

/**
 * Whether a location has an invoice, for the delivery log endpoint's 404. The invoice module
 * provides the real one as a bean; until it does, {@link DeliveryController} falls back to "the
 * location has deliveries for it".
 */
@FunctionalInterface
public interface InvoiceLookup {

    boolean exists(String locationId, String invoiceId);
}
