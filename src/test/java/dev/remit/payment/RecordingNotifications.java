package dev.remit.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Keeps what payments asked delivery to send. Import {@link Config} to put it in the server's place. */
public class RecordingNotifications implements PaymentNotifications {

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        PaymentNotifications recordingNotifications() {
            return new RecordingNotifications();
        }
    }

    public record Sent(String kind, String invoiceId, BigDecimal amount, String detail, Instant nextAttempt,
            PaymentNotifications.Failure failure) {
    }

    public static final List<Sent> SENT = new CopyOnWriteArrayList<>();

    @Override
    public void receipt(PayableInvoice invoice, BigDecimal amount, String cardBrand, String cardLast4) {
        SENT.add(new Sent("receipt", invoice.id(), amount, cardBrand + " " + cardLast4, null, null));
    }

    @Override
    public void autoPaymentFailed(PayableInvoice invoice, BigDecimal amount, Failure failure, String reason,
            Instant nextAttempt) {
        SENT.add(new Sent("auto-payment-failed", invoice.id(), amount, reason, nextAttempt, failure));
    }

    public static List<Sent> of(String invoiceId) {
        return SENT.stream().filter(s -> s.invoiceId().equals(invoiceId)).toList();
    }
}
