package dev.remit.payment;

import static dev.remit.payment.StripeStub.TEST_KEY;
import static dev.remit.payment.StripeStub.WEBHOOK_SECRET;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.admin.PaymentCommands;
import dev.remit.admin.AdminCommand;
import dev.remit.support.ApiTestBase;

/** Stripe keys are encrypted at rest, and never appear in output, logs or responses. */
@ExtendWith(OutputCaptureExtension.class)
class StripeSecretsTest extends ApiTestBase {

    static final String LIVE_KEY = "sk_live_51LiveKeyThatMustNeverBeSeenAnywhere0000000000000";
    static final String LIVE_WEBHOOK = "whsec_liveSigningSecretThatMustNeverBeSeen";

    @Autowired
    ConfigurableApplicationContext context;

    String[] admin(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), context, args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    Map<String, Object> rawRow(String location) {
        return jdbc.sql("select * from payment_stripe_account where location_id = ?").param(location).query().singleRow();
    }

    @Test
    void theAdminCommandStoresKeysEncryptedAndNeverPrintsThem(CapturedOutput output) {
        String location = newLocation();
        String[] result = admin("payments", "stripe", "--location", location, "--test-secret-key", TEST_KEY,
                "--live-secret-key", LIVE_KEY, "--webhook-secret", WEBHOOK_SECRET, "--live-webhook-secret", LIVE_WEBHOOK);

        assertThat(result[0]).as(result[2]).isEqualTo("0");
        assertThat(result[1]).contains("test key set", "live key set", "/payments/stripe/webhook/" + location);
        Map<String, Object> raw = rawRow(location);
        for (String column : new String[] {"test_secret_key", "live_secret_key", "test_webhook_secret", "live_webhook_secret"}) {
            assertThat((String) raw.get(column)).startsWith("v1:");
        }
        assertThat(raw.toString()).doesNotContain(TEST_KEY, LIVE_KEY, WEBHOOK_SECRET, LIVE_WEBHOOK, "sk_", "whsec_");
        StripeAccount account = accounts.find(location).orElseThrow();
        assertThat(account.testSecretKey()).isEqualTo(TEST_KEY);
        assertThat(account.liveSecretKey()).isEqualTo(LIVE_KEY);
        assertThat(account.liveWebhookSecret()).isEqualTo(LIVE_WEBHOOK);
        assertThat(account.toString()).doesNotContain(TEST_KEY, LIVE_KEY, WEBHOOK_SECRET, LIVE_WEBHOOK);

        // Showing the configuration says what is set, never what it is.
        String[] shown = admin("payments", "stripe", "--location", location);
        assertThat(shown[1]).contains("live key set").doesNotContain(LIVE_KEY, TEST_KEY);
        assertThat(String.join("", result) + String.join("", shown) + output.getAll())
                .doesNotContain(TEST_KEY, LIVE_KEY, WEBHOOK_SECRET, LIVE_WEBHOOK);
    }

    @Test
    void theSameKeyEncryptsDifferentlyEachTimeAndOnlyForItsOwnRow() {
        String one = newLocation();
        String two = newLocation();
        accounts.configure(one, TEST_KEY, null, null, null);
        accounts.configure(two, TEST_KEY, null, null, null);
        String first = (String) rawRow(one).get("test_secret_key");
        assertThat(first).isNotEqualTo(rawRow(two).get("test_secret_key"));
        // A ciphertext moved to another location's row does not decrypt there.
        jdbc.sql("update payment_stripe_account set test_secret_key = ? where location_id = ?").params(first, two).update();
        assertThatThrownBy(() -> accounts.find(two)).hasMessageContaining("could not be decrypted")
                .hasMessageNotContaining(TEST_KEY);
    }

    @Test
    void badKeysAreRefusedWithoutEchoingThem() {
        String location = newLocation();
        String[] result = admin("payments", "stripe", "--location", location, "--test-secret-key", LIVE_KEY);
        assertThat(result[0]).isNotEqualTo("0");
        assertThat(result[2]).contains("--test-secret-key must start with sk_test_").doesNotContain(LIVE_KEY);
        assertThat(accounts.find(location)).isEmpty();
    }

    @Test
    void withoutRemitSecretKeyNothingIsStored() {
        SecretBox missing = new SecretBox("");
        assertThat(missing.isReady()).isFalse();
        String location = newLocation();
        assertThatThrownBy(() -> new StripeAccounts(jdbc, missing, java.time.Clock.systemUTC()).configure(location, TEST_KEY, null, null, null))
                .isInstanceOf(SecretBox.SecretKeyMissingException.class)
                .hasMessageContaining("REMIT_SECRET_KEY is not set");
        assertThat(jdbc.sql("select count(*) from payment_stripe_account where location_id = ?").param(location)
                .query(Integer.class).single()).isZero();
        assertThat(new SecretBox("c2hvcnQ=").problem()).contains("32 bytes");
    }

    @Test
    void payingAndWebhooksNeverShowTheKeys(CapturedOutput output) throws Exception {
        dev.remit.support.Tenant tenant = connectedTenant();
        accounts.configure(tenant.locationId(), null, LIVE_KEY, null, LIVE_WEBHOOK);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> pay = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/AAAAAAAAAAAAAAAAAAAAAAAAAAAA/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> webhook = http.send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/payments/stripe/webhook/" + tenant.locationId()))
                .header("Stripe-Signature", "t=1,v1=00").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(webhook.statusCode()).isEqualTo(400);
        assertThat(pay.body() + webhook.body() + output.getAll())
                .doesNotContain(TEST_KEY, LIVE_KEY, WEBHOOK_SECRET, LIVE_WEBHOOK);
    }
}
