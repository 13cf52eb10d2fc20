package dev.remit.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A message that cannot go out before the retry horizon fails, saying why. */
class RetryHorizonTest {

    @Test
    void transientFailuresStopAtTheHorizon() {
        Map<String, Object> properties = RemitInstance.fastDelivery(RemitInstance.freshDatabase("horizon"), RemitInstance.tempDataDir());
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", RemitInstance.freePort());
        properties.put("remit.mail.from-address", "invoices@remit.example");
        properties.put("remit.delivery.retry-horizon", "1500ms");
        try (RemitInstance remit = RemitInstance.start(properties)) {
            String location = remit.newLocation();
            Queued queued = remit.deliveries().enqueue(Messages.email(location, "pat@nowhere.example"));
            Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(15));
            assertThat(done.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(done.attempts()).isGreaterThanOrEqualTo(3);
            assertThat(done.lastError()).startsWith("gave up after " + done.attempts() + " tries in 1.5s: smtp connection refused");
            assertThat(Duration.between(done.queuedAt(), done.lastAttemptAt())).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(5));
            assertThat(done.sentAt()).isNull();
        }
    }
}
