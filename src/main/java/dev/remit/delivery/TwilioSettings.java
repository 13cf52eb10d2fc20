package dev.remit.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio's Messages API ({@code remit.sms.twilio.*}). SMS is configured when {@code accountSid} is
 * set; then {@code authToken} and one of {@code fromNumber} or {@code messagingServiceSid} are required.
 */
@ConfigurationProperties("remit.sms.twilio")
record TwilioSettings(
        String accountSid,
        String authToken,
        String fromNumber,
        String messagingServiceSid,
        @DefaultValue("https://api.twilio.com") String baseUrl,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {

    public boolean configured() {
        return accountSid != null && !accountSid.isBlank();
    }

    /** Fails at start on a half-done configuration rather than failing every message later. */
    void check() {
        if (!configured()) {
            return;
        }
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalStateException("remit.sms.twilio.account-sid is set but remit.sms.twilio.auth-token is not");
        }
        if (blank(fromNumber) && blank(messagingServiceSid)) {
            throw new IllegalStateException(
                    "remit.sms.twilio.account-sid is set: set remit.sms.twilio.from-number or remit.sms.twilio.messaging-service-sid too");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", fromNumber=" + fromNumber + ", messagingServiceSid="
                + messagingServiceSid + ", baseUrl=" + baseUrl + "]";
    }
}
