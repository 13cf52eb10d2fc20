package dev.remit.payment;

/**
 * A location's Stripe keys, decrypted for use. {@link #toString()} never shows them.
 */
public record StripeAccount(String locationId, String testSecretKey, String liveSecretKey, String testWebhookSecret,
        String liveWebhookSecret) {

    /** The secret key for live or test mode, or null when that mode is not configured. */
    public String secretKey(boolean liveMode) {
        return liveMode ? liveSecretKey : testSecretKey;
    }

    public String webhookSecret(boolean liveMode) {
        return liveMode ? liveWebhookSecret : testWebhookSecret;
    }

    /** What is configured, for people: which keys are set, never their values. */
    public String describe() {
        return "test key " + shown(testSecretKey) + ", live key " + shown(liveSecretKey) + ", test webhook secret "
                + shown(testWebhookSecret) + ", live webhook secret " + shown(liveWebhookSecret);
    }

    private static String shown(String secret) {
        return secret == null ? "not set" : "set";
    }

    @Override
    public String toString() {
        return "StripeAccount[locationId=" + locationId + ", " + describe() + "]";
    }
}
