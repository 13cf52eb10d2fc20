package dev.remit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import dev.remit.webhook.WebhookDelivery;
import dev.remit.webhook.WebhookService;

/** {@code remit admin webhooks ...}, in the server's own context. */
class WebhookCommandsTest extends ApiTestBase {

    @Autowired
    ConfigurableApplicationContext server;

    @Autowired
    WebhookService webhooks;

    private AdminCommandTest.Run admin(String... args) {
        return AdminCommandTest.run(server, args);
    }

    private static String ok(AdminCommandTest.Run run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.out().trim();
    }

    @Test
    void subscribesListsPausesReplaysEnablesAndRemoves() {
        Tenant tenant = newTenant();
        String loc = tenant.locationId();
        AdminCommandTest.Run added = admin("webhooks", "add", "--location", loc, "--url", "https://hooks.example.invalid/remit",
                "--event", "InvoiceCreate,InvoicePaid", "--hmac");
        String id = ok(added);
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(added.err()).contains("HMAC secret").contains("whsec_");
        assertThat(ok(admin("webhooks", "list", "--location", loc)))
                .isEqualTo(id + "  enabled  https://hooks.example.invalid/remit  InvoiceCreate,InvoicePaid");

        assertThat(ok(admin("webhooks", "disable", "--location", loc, "--id", id))).contains("disabled")
                .contains("disabled by the administrator");
        assertThat(api(tenant).post("/invoices", InvoiceBodies.create(tenant)).status()).isEqualTo(200);
        WebhookDelivery logged = webhooks.log(loc, id, 10, 0).get(0);
        assertThat(logged.status()).as("a disabled subscription's webhooks wait").isEqualTo(WebhookDelivery.Status.PAUSED);
        assertThat(ok(admin("webhooks", "deliveries", "--location", loc, "--id", id)))
                .contains(logged.id()).contains("InvoiceCreate").contains(logged.webhookId()).contains("paused");

        String replay = ok(admin("webhooks", "replay", "--location", loc, "--delivery", logged.id()));
        WebhookDelivery replayed = webhooks.delivery(loc, replay).orElseThrow();
        assertThat(replayed.replayOf()).isEqualTo(logged.id());
        assertThat(replayed.webhookId()).isEqualTo(logged.webhookId());

        assertThat(ok(admin("webhooks", "enable", "--location", loc, "--id", id))).contains("enabled");
        assertThat(webhooks.delivery(loc, logged.id()).orElseThrow().status()).isEqualTo(WebhookDelivery.Status.QUEUED);
        assertThat(ok(admin("webhooks", "remove", "--location", loc, "--id", id))).isEqualTo("removed " + id);
        assertThat(webhooks.subscriptions(loc)).isEmpty();
    }

    @Test
    void refusesWhatIsNotASubscription() {
        String loc = newTenant().locationId();
        AdminCommandTest.Run unknownEvent = admin("webhooks", "add", "--location", loc, "--url", "https://h.example.com/",
                "--event", "InvoiceExploded");
        assertThat(unknownEvent.exitCode()).isNotZero();
        assertThat(unknownEvent.err()).contains("unknown event InvoiceExploded");
        AdminCommandTest.Run badUrl = admin("webhooks", "add", "--location", loc, "--url", "ftp://h.example.com/");
        assertThat(badUrl.exitCode()).isNotZero();
        assertThat(badUrl.err()).contains("url must be an absolute http or https URL");
        AdminCommandTest.Run noSuch = admin("webhooks", "enable", "--location", loc, "--id", "6578278e879ad2646715ba9c");
        assertThat(noSuch.exitCode()).isNotZero();
        assertThat(noSuch.err()).contains("no webhook subscription");
    }

    @Test
    void printsThePublicKeyTheServerPublishes() throws Exception {
        String printed = ok(admin("webhooks", "public-key"));
        assertThat(printed).startsWith("-----BEGIN PUBLIC KEY-----").endsWith("-----END PUBLIC KEY-----");
        HttpResponse<String> served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/webhooks/public-key")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).as("for anyone, without a token").isEqualTo(200);
        assertThat(served.body().trim()).isEqualTo(printed);
        assertThat(ok(admin("webhooks", "public-key", "--all"))).contains("(signing now)").contains(printed);
    }
}
