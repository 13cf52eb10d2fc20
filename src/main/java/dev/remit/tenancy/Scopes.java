package dev.remit.tenancy;

import java.util.List;

/** The OAuth scopes of HighLevel's invoices API. */
public final class Scopes {

    public static final String INVOICES_READONLY = "invoices.readonly";
    public static final String INVOICES_WRITE = "invoices.write";

    public static final List<String> ALL = List.of(
            INVOICES_READONLY, INVOICES_WRITE,
            "invoices/template.readonly", "invoices/template.write",
            "invoices/schedule.readonly", "invoices/schedule.write",
            "invoices/estimate.readonly", "invoices/estimate.write");

    private Scopes() {
    }

    public static boolean isKnown(String scope) {
        return ALL.contains(scope);
    }
}
