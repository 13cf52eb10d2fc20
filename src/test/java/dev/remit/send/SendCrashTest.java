package dev.remit.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.remit.RemitApplication;
import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.FreePort;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import dev.remit.support.Tenants;
import dev.remit.support.TestDatabase;
import dev.remit.support.TwilioStub;

/** A send committed by a server that stops before delivering is delivered once by the next server. */
class SendCrashTest {

    @Test
    void aCommittedSendIsDeliveredOnceAfterARestart() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(FreePort.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        WireMockServer twilio = new WireMockServer(options().dynamicPort());
        twilio.start();
        twilio.stubFor(post(urlEqualTo(TwilioStub.TWILIO_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SMcrash\"}")));
        Map<String, Object> properties = new LinkedHashMap<>(TestDatabase.fresh("send_crash"));
        properties.put("remit.data-dir", Files.createTempDirectory("remit-send-crash-").toString());
        properties.put("remit.bootstrap.enabled", "false");
        properties.put("server.port", "0");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", greenMail.getSmtp().getPort());
        properties.put("remit.mail.from-address", "invoices@remit.example");
        properties.put("remit.sms.twilio.account-sid", TwilioStub.TWILIO_SID);
        properties.put("remit.sms.twilio.auth-token", TwilioStub.TWILIO_TOKEN);
        properties.put("remit.sms.twilio.from-number", TwilioStub.TWILIO_FROM);
        properties.put("remit.sms.twilio.base-url", twilio.baseUrl());
        properties.put("db-scheduler.polling-interval", "100ms");
        try {
            Map<String, Object> stopping = new LinkedHashMap<>(properties);
            stopping.put("db-scheduler.polling-interval", "1h");
            stopping.put("db-scheduler.immediate-execution-enabled", "false");
            String invoiceId;
            Tenant tenant;
            try (ConfigurableApplicationContext first = start(stopping)) {
                tenant = Tenants.of(first).create();
                ApiClient api = new ApiClient("http://localhost:" + first.getEnvironment().getProperty("local.server.port"),
                        tenant.token());
                ApiResponse created = api.post("/invoices", SendBodies.invoice(tenant, "crash@customer.example", "+12145558001"));
                assertThat(created.status()).as(created.toString()).isEqualTo(200);
                invoiceId = created.json().path("_id").asString();
                Map<String, Object> send = InvoiceBodies.seedSend(tenant, "sms_and_email", true);
                send.remove("autoPayment"); // enabled, it needs a connected Stripe
                ApiResponse sent = api.post("/invoices/" + invoiceId + "/send", send);
                assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            } // the server stops with both messages committed and undelivered
            assertThat(greenMail.getReceivedMessages()).isEmpty();
            assertThat(twilio.findAll(postRequestedFor(urlEqualTo(TwilioStub.TWILIO_PATH)))).isEmpty();

            try (ConfigurableApplicationContext second = start(properties)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> greenMail.getReceivedMessages().length == 1
                        && twilio.findAll(postRequestedFor(urlEqualTo(TwilioStub.TWILIO_PATH))).size() == 1);
                Thread.sleep(1500);
                ApiClient api = new ApiClient("http://localhost:" + second.getEnvironment().getProperty("local.server.port"),
                        tenant.token());
                ApiResponse log = api.extension().get("/invoices/" + invoiceId + "/deliveries?altId=" + tenant.locationId()
                        + "&altType=location");
                assertThat(log.json().path("deliveries").size()).isEqualTo(2);
                log.json().path("deliveries").forEach(line -> {
                    assertThat(line.path("status").asString()).isEqualTo("sent");
                    assertThat(line.path("attempts").asInt()).isEqualTo(1);
                });
            }
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
            assertThat(twilio.findAll(postRequestedFor(urlEqualTo(TwilioStub.TWILIO_PATH)))).hasSize(1);
        } finally {
            greenMail.stop();
            twilio.stop();
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(RemitApplication.class).web(WebApplicationType.SERVLET).run(args.toArray(String[]::new));
    }
}
