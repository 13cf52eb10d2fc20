package dev.remit.tenancy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of token HighLevel issues. Location tokens act on their own location (the spec's
 * {@code Location-Access} scheme); agency tokens on any location of their company ({@code Agency-Access}).
 */
public enum TokenKind {
    PRIVATE_INTEGRATION("private-integration", "pit", true),
    LOCATION_ACCESS("location-access", "lat", true),
    AGENCY("agency", "agt", false);

    private final String label;
    private final String prefix;
    private final boolean locationScoped;

    TokenKind(String label, String prefix, boolean locationScoped) {
        this.label = label;
        this.prefix = prefix;
        this.locationScoped = locationScoped;
    }

    public String label() {
        return label;
    }

    public String prefix() {
        return prefix;
    }

    public boolean isLocationScoped() {
        return locationScoped;
    }

    /** The name of the spec's security scheme that this kind of token answers to. */
    public String securityScheme() {
        return locationScoped ? "Location-Access" : "Agency-Access";
    }

    /**
     * Every scheme of the spec this kind of token satisfies: a private integration token is
     * {@code Location-Access}; a location access token (a sub-account user's) is also
     * {@code Location-Access-Only}; an agency token is {@code Agency-Access} and {@code Agency-Access-Only}.
     */
    public List<String> securitySchemes() {
        return switch (this) {
            case PRIVATE_INTEGRATION -> List.of("Location-Access");
            case LOCATION_ACCESS -> List.of("Location-Access", "Location-Access-Only");
            case AGENCY -> List.of("Agency-Access", "Agency-Access-Only");
        };
    }

    public static Optional<TokenKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
    }
}
