package dev.remit.tenancy;

import java.util.Arrays;
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

    public static Optional<TokenKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
    }
}
