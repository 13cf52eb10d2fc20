package dev.remit.delivery;

/**
 * Whether a location has an estimate, for the estimate delivery log's 404; implemented where
 * estimates are sent. Without one, {@link DeliveryController} falls back to "the location has
 * deliveries for it".
 */
@FunctionalInterface
public interface EstimateLookup {

    boolean exists(String locationId, String estimateId);
}
