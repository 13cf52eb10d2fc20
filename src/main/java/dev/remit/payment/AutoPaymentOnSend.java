package dev.remit.payment;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.remit.invoice.AutoPayment;
import dev.remit.invoice.InvoiceSent;

/**
 * Auto-payment follows the send: a send that turned auto-payment on schedules the due-date charge, one
 * that turned it off calls it off. It runs inside the send's transaction, so the charge's job and the
 * send commit together or not at all, on the send's own connection.
 *
 * <p>Not after commit: a listener after commit in a transaction of its own needs a second pooled
 * connection while the send's is still held, and sixteen concurrent sends on a pool of ten waited on
 * each other until the pool's timeout (docs/architecture.md, "Events").
 */
@Component
class AutoPaymentOnSend {

    private final AutoPayments autoPayments;

    AutoPaymentOnSend(AutoPayments autoPayments) {
        this.autoPayments = autoPayments;
    }

    @EventListener
    public void on(InvoiceSent sent) {
        AutoPayment requested = sent.autoPayment();
        if (requested == null) {
            return;
        }
        if (requested.enable()) {
            autoPayments.scheduleAutoPayment(sent.locationId(), sent.invoiceId());
        } else {
            autoPayments.cancelAutoPayment(sent.locationId(), sent.invoiceId());
        }
    }
}
