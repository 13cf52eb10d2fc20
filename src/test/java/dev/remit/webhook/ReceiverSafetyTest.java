package dev.remit.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Server-side request forgery and a receiver's misbehaviour, against a real HTTP server on this
 * machine: refused by default, reached only with allow-private-addresses; no redirect followed; a
 * long answer not read to its end; a slow one cut off at the timeout.
 */
class ReceiverSafetyTest {

    private WebhookHttp http;

    private static WebhookProperties properties(boolean allowPrivate, Duration timeout) {
        return new WebhookProperties(allowPrivate, Duration.ofSeconds(2), timeout, DataSize.ofKilobytes(64),
                Duration.ofDays(3), Duration.ofSeconds(30), Duration.ofHours(1), 2.0, 0.5, Duration.ofHours(24), 4, null,
                List.of(), 2048);
    }

    @AfterEach
    void close() throws Exception {
        if (http != null) {
            http.destroy();
        }
    }

    private WebhookHttp.Outcome post(boolean allowPrivate, String url) {
        http = new WebhookHttp(properties(allowPrivate, Duration.ofSeconds(5)));
        return http.post(url, "{}".getBytes(StandardCharsets.UTF_8), Map.of("x-wh-signature", "test"));
    }

    @Test
    void loopbackLinkLocalAndPrivateReceiversAreRefusedWithoutAConnection() throws Exception {
        Receiver receiver = new Receiver().answering(200);
        String port = Integer.toString(Receiver.SERVER.port());
        for (String url : List.of(receiver.url(), "http://127.0.0.1:" + port + receiver.path,
                "http://[::1]:" + port + receiver.path, "http://0.0.0.0:" + port + receiver.path,
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/hook", "http://172.16.3.4/hook",
                "http://192.168.1.20/hook", "http://100.64.0.1/hook", "http://[fd00::1]/hook", "http://[fe80::1]/hook",
                "http://[::ffff:127.0.0.1]:" + port + receiver.path)) {
            WebhookHttp.Outcome outcome = post(false, url);
            assertThat(outcome).as(url).isInstanceOf(WebhookHttp.Outcome.Permanent.class);
            assertThat(((WebhookHttp.Outcome.Permanent) outcome).error()).as(url).contains("is refused");
            close();
        }
        assertThat(receiver.count()).as("nothing reached the receiver").isZero();

        assertThat(post(true, receiver.url())).as("allowed for local development")
                .isInstanceOf(WebhookHttp.Outcome.Delivered.class);
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void onlyPublicAddressesPass() throws Exception {
        assertThat(ReceiverAddresses.isRefused(InetAddress.getByName("93.184.216.34"))).isFalse();
        assertThat(ReceiverAddresses.isRefused(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"))).isFalse();
        for (String address : List.of("127.0.0.1", "127.8.9.1", "10.1.2.3", "172.31.255.255", "192.168.0.1", "169.254.1.1",
                "100.127.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fc00::1", "fe80::1",
                "::ffff:10.0.0.1")) {
            assertThat(ReceiverAddresses.isRefused(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void urlsThatAreNotPlainHttpAreRefused() {
        for (String url : List.of("ftp://example.com/x", "file:///etc/passwd", "example.com/hook", "http://user:pw@example.com/",
                "http://example.com/#x", "not a url")) {
            assertThat(WebhookHttp.refusal(url)).as(url).isNotNull();
        }
        assertThat(WebhookHttp.refusal("https://hooks.example.com/remit?x=1")).isNull();
    }

    @Test
    void aRedirectIsNotFollowedAndFailsTheAttempt() {
        Receiver target = new Receiver().answering(200);
        Receiver redirecting = new Receiver().answering(aResponse().withStatus(307).withHeader("Location", target.url()));
        WebhookHttp.Outcome outcome = post(true, redirecting.url());
        assertThat(outcome).isInstanceOf(WebhookHttp.Outcome.Permanent.class);
        assertThat(((WebhookHttp.Outcome.Permanent) outcome).error()).contains("redirects are not followed");
        assertThat(target.count()).isZero();
    }

    @Test
    void aLongAnswerIsNotReadToItsEnd() {
        Receiver receiver = new Receiver().answering(aResponse().withStatus(500).withBody("x".repeat(8 * 1024 * 1024)));
        long start = System.nanoTime();
        WebhookHttp.Outcome outcome = post(true, receiver.url());
        assertThat(outcome).isInstanceOf(WebhookHttp.Outcome.Transient.class);
        assertThat(((WebhookHttp.Outcome.Transient) outcome).error()).startsWith("HTTP 500: xxx").hasSizeLessThan(220);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSlowReceiverIsCutOffAtTheTimeoutAndRetried() {
        Receiver receiver = new Receiver().answering(aResponse().withStatus(200).withFixedDelay(5000));
        http = new WebhookHttp(properties(true, Duration.ofMillis(700)));
        long start = System.nanoTime();
        WebhookHttp.Outcome outcome = http.post(receiver.url(), "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(outcome).isInstanceOf(WebhookHttp.Outcome.Transient.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        Receiver.SERVER.verify(1, postRequestedFor(urlEqualTo(receiver.path)));
    }
}
