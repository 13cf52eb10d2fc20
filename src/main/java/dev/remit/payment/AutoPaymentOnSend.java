package dev.remit.payment;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.remit.invoice.AutoPayment;
import dev.remit.invoice.InvoiceSent;

/**
 * Auto-payment follows the send: a send that turned auto-payment on schedules the due-date charge, one
 * that turned it off calls it off. Spring Modulith's registry records this listener's publication in
 * the send's transaction, so a charge the listener failed to schedule (or never got to, the server
 * stopping) is scheduled when the event is published again at the next start.
 *
 * <p>Not {@code @ApplicationModuleListener}: that one is asynchronous, and the send answers only
 * once the charge is scheduled. This runs right after the send commits, on the send's thread, in a
 * transaction of its own.
 */
@Component
class AutoPaymentOnSend {

    private final AutoPayments autoPayments;

    AutoPaymentOnSend(AutoPayments autoPayments) {
        this.autoPayments = autoPayments;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
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
