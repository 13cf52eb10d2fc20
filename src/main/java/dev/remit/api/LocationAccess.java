package dev.remit.api;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Whether a caller may act on a location (HighLevel's 403); {@link HighLevelBinding} asks it for every operation. */
@Component
public class LocationAccess {

    private final TenancyRepository tenancy;
    /** The company of each location asked about: a location never moves to another company nor goes away. */
    private final Cache<String, String> companyOfLocation = Caffeine.newBuilder().maximumSize(10_000).build();

    public LocationAccess(TenancyRepository tenancy) {
        this.tenancy = tenancy;
    }

    /** The query string of a read that takes nothing else: {@code ?altId=<locationId>&altType=location}. */
    public record LocationQuery(@NotBlank @MongoId String altId, @NotNull @OneOf("location") String altType) {
    }

    public boolean covers(Caller caller, String locationId) {
        if (locationId == null) {
            return false;
        }
        if (caller.kind().isLocationScoped()) {
            return locationId.equals(caller.locationId());
        }
        String company = companyOfLocation.getIfPresent(locationId);
        if (company == null) {
            company = tenancy.findLocation(locationId).map(Location::companyId).orElse(null);
            if (company == null) {
                return false;
            }
            companyOfLocation.put(locationId, company);
        }
        return company.equals(caller.companyId());
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

    /** The location, or null when there is none with that id. */
    public Location find(String locationId) {
        return tenancy.findLocation(locationId).orElse(null);
    }

    public Location location(String locationId) {
        return tenancy.findLocation(locationId).orElseThrow(() -> ApiException.forbidden(ApiException.LOCATION_FORBIDDEN));
    }
}
