package dev.remit.tenancy;

import org.springframework.stereotype.Component;

import dev.remit.api.ApiException;
import dev.remit.api.Violations;

/** Whether a caller may act on a location, and whether a user may act for it. */
@Component
public class LocationAccess {

    private final TenancyRepository tenancy;

    public LocationAccess(TenancyRepository tenancy) {
        this.tenancy = tenancy;
    }

    public boolean covers(Caller caller, String locationId) {
        if (locationId == null) {
            return false;
        }
        if (caller.kind().isLocationScoped()) {
            return locationId.equals(caller.locationId());
        }
        return tenancy.findLocation(locationId).map(l -> l.companyId().equals(caller.companyId())).orElse(false);
    }

    /** 403 with HighLevel's body when the caller's token does not cover {@code altId}. */
    public void require(Caller caller, String altId) {
        if (!covers(caller, altId)) {
            throw ApiException.forbidden(ApiException.LOCATION_FORBIDDEN);
        }
    }

    /**
     * Checks {@code altId} when it is present and well-formed (a missing one is a validation error
     * reported with the others), the way HighLevel's guard runs before its validation pipe.
     */
    public void requireIfPresent(Caller caller, String altId) {
        if (altId != null && !altId.isBlank()) {
            require(caller, altId);
        }
    }

    /** Adds a violation when {@code userId} is not a user with access to the location. */
    public void checkUser(String userId, String locationId, Violations violations) {
        if (userId != null && !userId.isBlank() && !tenancy.userHasLocation(userId, locationId)) {
            violations.add("userId", "must be a user with access to this location");
        }
    }

    public Location location(String locationId) {
        return tenancy.findLocation(locationId).orElseThrow(() -> ApiException.forbidden(ApiException.LOCATION_FORBIDDEN));
    }
}
