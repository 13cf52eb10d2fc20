package dev.remit.invoice;

import java.util.Arrays;
import java.util.Optional;

/** The spec's statuses, written as on the wire. */
public enum InvoiceStatus {
    DRAFT("draft"), SENT("sent"), PARTIALLY_PAID("partially_paid"), PAID("paid"), VOID("void"),
    PAYMENT_PROCESSING("payment_processing");

    private final String wire;

    InvoiceStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<InvoiceStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }

    public static String[] wireValues() {
        return Arrays.stream(values()).map(InvoiceStatus::wire).toArray(String[]::new);
    }
}
