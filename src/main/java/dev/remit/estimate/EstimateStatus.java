package dev.remit.estimate;

import java.util.Arrays;
import java.util.Optional;

/**
 * The statuses list-estimates filters by, written as on the wire. Expiry is not a status: it is
 * {@code expiryDate} passed (docs/estimates.md), shown as {@code expired} beside the status.
 */
public enum EstimateStatus {
    DRAFT("draft"), SENT("sent"), VIEWED("viewed"), ACCEPTED("accepted"), DECLINED("declined"), INVOICED("invoiced");

    private final String wire;

    EstimateStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether the estimate still waits for its customer's answer, and so can expire. */
    public boolean open() {
        return this == DRAFT || this == SENT || this == VIEWED;
    }

    public static Optional<EstimateStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }
}
