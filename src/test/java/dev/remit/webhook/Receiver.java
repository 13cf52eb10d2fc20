package dev.remit.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.remit.support.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP receiver for webhooks (WireMock), one for the test JVM; each test takes a path of its
 * own. Every request it hands back has had its {@code x-wh-signature} verified with remit's public
 * key (fetched from {@code /webhooks/public-key}) by the JDK's {@code SHA256withRSA}.
 */
final class Receiver {

    static final WireMockServer SERVER = new WireMockServer(options().dynamicPort());

    static {
        SERVER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(SERVER::stop));
    }

    /** A webhook as received: its raw body, parsed, and its headers. */
    record Received(String raw, JsonNode json, LoggedRequest request) {
        String header(String name) {
            return request.getHeader(name);
        }
    }

    final String path = "/hooks/" + UUID.randomUUID();

    String url() {
        return SERVER.baseUrl() + path;
    }

    Receiver answering(ResponseDefinitionBuilder response) {
        SERVER.stubFor(post(urlEqualTo(path)).willReturn(response));
        return this;
    }

    Receiver answering(int status) {
        return answering(aResponse().withStatus(status));
    }

    /** Answers each of {@code responses} once in turn, then the last one for ever. */
    Receiver answeringInTurn(ResponseDefinitionBuilder... responses) {
        String scenario = path;
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "s" + i;
            var stub = post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state).willReturn(responses[i]);
            if (i + 1 < responses.length) {
                stub = stub.willSetStateTo("s" + (i + 1));
            }
            SERVER.stubFor(stub);
        }
        return this;
    }

    /** Every webhook received so far, in the order it came, each signature verified. */
    List<Received> received(String baseUrl) {
        PublicKey key = publicKey(baseUrl);
        return SERVER.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(path)))
                .stream().map(request -> {
                    String raw = request.getBodyAsString();
                    assertThat(verify(key, raw, request.getHeader("x-wh-signature")))
                            .as("x-wh-signature of %s", raw).isTrue();
                    return new Received(raw, ApiClient.tree(raw), request);
                }).toList();
    }

    int count() {
        return SERVER.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(path))).size();
    }

    static boolean verify(PublicKey key, String raw, String signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return signature != null && verifier.verify(Base64.getDecoder().decode(signature));
        } catch (Exception e) {
            return false;
        }
    }

    /** The key remit publishes at /webhooks/public-key, read as a receiver would. */
    static PublicKey publicKey(String baseUrl) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/public-key")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            return parse(answer.body());
        } catch (Exception e) {
            throw new AssertionError("cannot read the public key", e);
        }
    }

    static PublicKey parse(String pem) throws Exception {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
