package dev.remit.send;

import org.springframework.stereotype.Component;

import dev.remit.delivery.EstimateLookup;
import dev.remit.estimate.EstimateService;

/** The estimate delivery log's 404 comes from the estimates themselves. */
@Component
class EstimateLookupFromEstimates implements EstimateLookup {

    private final EstimateService estimates;

    EstimateLookupFromEstimates(EstimateService estimates) {
        this.estimates = estimates;
    }

    @Override
    public boolean exists(String locationId, String estimateId) {
        return estimates.find(locationId, estimateId).isPresent();
    }
}
