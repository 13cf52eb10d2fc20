package dev.remit.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import dev.remit.jobs.RetryPolicy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

class RetryPolicyTest {

    private static final DeliveryProperties DEFAULTS = new DeliveryProperties(Duration.ofHours(24), Duration.ofSeconds(30),
            Duration.ofHours(1), 2.0, 0.5);

    @Test
    void backoffDoublesWithJitterUpToTheMaximum() {
        RetryPolicy policy = DEFAULTS.retryPolicy();
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(1, null)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
            assertThat(policy.delay(2, null)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
            assertThat(policy.delay(4, null)).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(240));
            assertThat(policy.delay(30, null)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
        }
    }

    @Test
    void jitterSpreadsTheRetries() {
        RetryPolicy policy = DEFAULTS.retryPolicy();
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> policy.delay(3, null)).distinct().count())
                .isGreaterThan(10);
    }

    @Test
    void retryAfterIsHonouredWhenItIsLonger() {
        RetryPolicy policy = DEFAULTS.retryPolicy();
        assertThat(policy.delay(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.delay(1, Duration.ofSeconds(1))).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }

    @Test
    void theHorizonCountsFromQueueing() {
        RetryPolicy policy = DEFAULTS.retryPolicy();
        java.time.Instant queued = java.time.Instant.parse("2026-11-24T10:00:00Z");
        assertThat(policy.deadline(queued)).isEqualTo(java.time.Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void twilioAnswersAreSortedIntoPermanentAndTransient() {
        HttpHeaders none = new HttpHeaders();
        assertThat(TwilioChannel.outcome(201, none, "{\"sid\":\"SM1\"}")).isEqualTo(new Outcome.Delivered("SM1"));
        assertThat(TwilioChannel.outcome(400, none, "{\"code\":21211,\"message\":\"invalid\"}")).isInstanceOf(Outcome.Permanent.class);
        assertThat(TwilioChannel.outcome(404, none, "")).isInstanceOf(Outcome.Permanent.class);
        assertThat(TwilioChannel.outcome(500, none, "oops")).isInstanceOf(Outcome.Transient.class);
        assertThat(TwilioChannel.outcome(503, none, "")).isInstanceOf(Outcome.Transient.class);
        HttpHeaders retry = new HttpHeaders();
        retry.set(HttpHeaders.RETRY_AFTER, "3");
        assertThat(TwilioChannel.outcome(429, retry, "")).isEqualTo(new Outcome.Transient("twilio 429", Duration.ofSeconds(3)));
    }

    @Test
    void smtpFailuresWithoutAReplyAreTransient() {
        assertThat(SmtpChannel.classify(new AuthenticationFailedException("535 5.7.8 Authentication failed")))
                .isInstanceOf(Outcome.Transient.class);
        assertThat(SmtpChannel.classify(new MessagingException("Couldn't connect to host", new ConnectException("Connection refused"))))
                .isEqualTo(new Outcome.Transient("smtp connection refused: Couldn't connect to host"));
    }

    @Test
    void secretsNeverReachTheLog() {
        ErrorText.secret("hunter2-secret");
        assertThat(ErrorText.clean("login failed for hunter2-secret\r\n at line")).isEqualTo("login failed for *** at line");
        assertThat(ErrorText.clean("x".repeat(1000))).hasSize(ErrorText.MAX);
    }
}
