package dev.remit.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** SMS through Twilio's Messages API, played by WireMock. */
class TwilioDeliveryTest {

    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "twilio-auth-token-do-not-log";
    static final String FROM = "+15550001000";
    static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

    static WireMockServer twilio;
    static RemitInstance remit;
    static String location;

    @BeforeAll
    static void start() {
        twilio = new WireMockServer(options().dynamicPort());
        twilio.start();
        Map<String, Object> properties = RemitInstance.fastDelivery(RemitInstance.freshDatabase("twilio"), RemitInstance.tempDataDir());
        properties.put("remit.sms.twilio.account-sid", SID);
        properties.put("remit.sms.twilio.auth-token", TOKEN);
        properties.put("remit.sms.twilio.from-number", FROM);
        properties.put("remit.sms.twilio.base-url", twilio.baseUrl());
        remit = RemitInstance.start(properties);
        location = remit.newLocation();
    }

    @AfterAll
    static void stop() {
        remit.close();
        twilio.stop();
    }

    private static void answer(String to, int status, String body) {
        twilio.stubFor(post(urlEqualTo(PATH)).withFormParam("To", equalTo(to))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String created(String sid) {
        return "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"+1555\"}";
    }

    private static List<LoggedRequest> requestsTo(String to) {
        return twilio.findAll(postRequestedFor(urlEqualTo(PATH)).withFormParam("To", equalTo(to)));
    }

    @Test
    void postsTheFormWithBasicAuthAndKeepsTheSid() {
        answer("+15551110001", 201, created("SM00000000000000000000000000000001"));
        Queued queued = remit.deliveries().enqueue(Messages.sms(location, "+15551110001"));
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));

        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.providerId()).isEqualTo("SM00000000000000000000000000000001");
        assertThat(done.attempts()).isEqualTo(1);
        String basic = "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo(basic))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo("+15551110001"))
                .withFormParam("From", equalTo(FROM))
                .withFormParam("Body", equalTo(Messages.sms(location, "+15551110001").body())));
        assertThat(requestsTo("+15551110001").get(0).getBodyAsString()).doesNotContain("MessagingServiceSid");
    }

    @Test
    void a429IsTriedAgainNoSoonerThanRetryAfter() {
        String to = "+15551110429";
        twilio.stubFor(post(urlEqualTo(PATH)).withFormParam("To", equalTo(to)).inScenario("429")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2").withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"))
                .willSetStateTo("calm"));
        twilio.stubFor(post(urlEqualTo(PATH)).withFormParam("To", equalTo(to)).inScenario("429").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(created("SM429"))));

        Queued queued = remit.deliveries().enqueue(Messages.sms(location, to));
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(15));
        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.providerId()).isEqualTo("SM429");
        assertThat(done.attempts()).isEqualTo(2);
        List<LoggedRequest> requests = requestsTo(to);
        assertThat(requests).hasSize(2);
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gap).as("Retry-After: 2 is honoured (the backoff alone would be 200ms)").isGreaterThanOrEqualTo(1900);
    }

    @Test
    void a500IsTriedAgainWithBackoff() {
        String to = "+15551110500";
        twilio.stubFor(post(urlEqualTo(PATH)).withFormParam("To", equalTo(to)).inScenario("500")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":20500,\"message\":\"Internal Server Error\"}"))
                .willSetStateTo("again"));
        twilio.stubFor(post(urlEqualTo(PATH)).withFormParam("To", equalTo(to)).inScenario("500").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(503).withBody("unavailable")).willSetStateTo("up"));
        twilio.stubFor(post(urlEqualTo(PATH)).withFormParam("To", equalTo(to)).inScenario("500").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(created("SM500"))));

        Queued queued = remit.deliveries().enqueue(Messages.sms(location, to));
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(15));
        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.providerId()).isEqualTo("SM500");
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(requestsTo(to)).hasSize(3);
    }

    @Test
    void a400FailsAtOnceWithoutRetry() throws Exception {
        String to = "+15551110400";
        answer(to, 400, "{\"code\":21211,\"message\":\"The 'To' number " + to + " is not a valid phone number.\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");
        Queued queued = remit.deliveries().enqueue(Messages.sms(location, to));
        Delivery done = remit.awaitFinal(location, queued.id(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastError()).isEqualTo("twilio 400 code 21211: The 'To' number " + to + " is not a valid phone number.");
        assertThat(done.providerId()).isNull();
        Thread.sleep(1500);
        assertThat(requestsTo(to)).as("no retry after a permanent failure").hasSize(1);
    }

    @Test
    void aRejectedTokenIsRetriedAndNeverLogged() {
        String to = "+15551110401";
        answer(to, 401, "{\"code\":20003,\"message\":\"Authenticate " + TOKEN + "\",\"status\":401}");
        Queued queued = remit.deliveries().enqueue(Messages.sms(location, to));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> remit.delivery(location, queued.id()).attempts() >= 2);
        Delivery waiting = remit.delivery(location, queued.id());
        assertThat(waiting.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(waiting.lastError()).contains("twilio 401").doesNotContain(TOKEN);
    }
}
