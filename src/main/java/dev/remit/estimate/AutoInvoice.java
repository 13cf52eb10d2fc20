package dev.remit.estimate;

/**
 * The estimate's {@code autoInvoice}: on acceptance, make the invoice ({@code enabled}) and send it to
 * be paid ({@code directPayments}).
 */
public record AutoInvoice(boolean enabled, boolean directPayments) {

    public static AutoInvoice off() {
        return new AutoInvoice(false, false);
    }
}
