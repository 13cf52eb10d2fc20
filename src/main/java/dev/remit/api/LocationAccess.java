package dev.remit.api;

import org.springframework.stereotype.Component;

import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Whether a caller may act on a location, and whether a user may act for it. */
@Component
public class LocationAccess {

    private final TenancyRepository tenancy;
    private final RequestBinder binder;

    public LocationAccess(TenancyRepository tenancy, RequestBinder binder) {
        this.tenancy = tenancy;
        this.binder = binder;
    }

    /** The query string of a read: {@code ?altId=<locationId>&altType=location}. */
    public record LocationQuery(@NotBlank @MongoId String altId, @NotNull @OneOf("location") String altType) {
    }

    /**
     * The location a query string names, checked as HighLevel checks it: 403 for a location the
     * token does not cover, then 422 naming every problem with the query.
     */
    public String locationOfQuery(Caller caller, java.util.Map<String, String[]> query) {
        String[] altId = query.get("altId");
        requireIfPresent(caller, altId == null || altId.length == 0 ? null : altId[altId.length - 1]);
        Violations violations = new Violations();
        LocationQuery bound = binder.bindQuery(query, LocationQuery.class, violations);
        violations.throwIfAny();
        require(caller, bound.altId());
        return bound.altId();
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

    /** The location, or null when there is none with that id. */
    public Location find(String locationId) {
        return tenancy.findLocation(locationId).orElse(null);
    }

    public Location location(String locationId) {
        return tenancy.findLocation(locationId).orElseThrow(() -> ApiException.forbidden(ApiException.LOCATION_FORBIDDEN));
    }
}
