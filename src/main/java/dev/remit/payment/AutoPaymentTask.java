package dev.remit.payment;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.remit.jobs.Job;

/**
 * The durable auto-charge: job {@value #NAME}, one instance per invoice (instance id
 * {@code locationId:invoiceId}, a key only: the ids are read from the data), due on the invoice's
 * due date. A declined charge is tried again by the retry policy of
 * {@code remit.payments.auto-payment.retry.*}. An instance whose server died while running it is run
 * again; the claim row and the idempotency key make that safe.
 */
@Configuration(proxyBeanMethods = false)
class AutoPaymentTask {

    static final String NAME = "remit-auto-payment";

    /** The job's data: which invoice of which location. */
    record ChargeInvoice(String locationId, String invoiceId) {
    }

    @Bean
    Job<ChargeInvoice> autoPaymentCharge(AutoCharger charger, PaymentProperties properties, Clock clock) {
        return Job.named(NAME, ChargeInvoice.class)
                .retry(properties.autoPayment().retry().policy())
                .onExhausted(charger::gaveUp)
                .handledBy(charger::run, clock);
    }
}
