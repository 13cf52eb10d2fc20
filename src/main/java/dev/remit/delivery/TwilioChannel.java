package dev.remit.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

import dev.remit.jobs.RetryAfter;

/**
 * Twilio's Messages API: {@code POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json} with
 * form fields {@code To}, {@code From} (or {@code MessagingServiceSid}) and {@code Body}, HTTP basic
 * auth with the account SID and auth token. The answer's {@code sid} is the provider id.
 *
 * <p>Failures: HTTP 429 and 5xx, a refused or timed-out connection, and 401/403 (credentials: the
 * deployment's problem, not the message's) are transient; any other 4xx (400: an invalid number,
 * a number that cannot receive SMS) is permanent.
 */
final class TwilioChannel {

    private final TwilioSettings settings;
    private final RestClient http;

    TwilioChannel(TwilioSettings settings, RestClient.Builder builder) {
        this.settings = settings;
        ErrorText.secret(settings.authToken());
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build());
        factory.setReadTimeout(settings.readTimeout());
        this.http = builder.clone().baseUrl(trimSlash(settings.baseUrl())).requestFactory(factory).build();
    }

    String describe() {
        return "Twilio " + settings.baseUrl() + " account " + settings.accountSid() + " from " + from();
    }

    /** The sending number, or the messaging service's SID. */
    String from() {
        return blank(settings.fromNumber()) ? settings.messagingServiceSid() : settings.fromNumber();
    }

    Outcome send(String to, String body) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", to);
        if (!blank(settings.fromNumber())) {
            form.add("From", settings.fromNumber());
        } else {
            form.add("MessagingServiceSid", settings.messagingServiceSid());
        }
        form.add("Body", body);
        try {
            return http.post()
                    .uri("/2010-04-01/Accounts/{sid}/Messages.json", settings.accountSid())
                    .headers(headers -> headers.setBasicAuth(settings.accountSid(), settings.authToken(), StandardCharsets.UTF_8))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .exchange((request, response) -> outcome(response.getStatusCode().value(), response.getHeaders(),
                            read(response.getBody())));
        } catch (ResourceAccessException e) {
            return new Outcome.Transient("twilio unreachable: " + ErrorText.of(e.getMostSpecificCause()));
        } catch (RuntimeException e) {
            return new Outcome.Transient("twilio: " + ErrorText.of(e));
        }
    }

    static Outcome outcome(int status, HttpHeaders headers, String body) {
        JsonNode json = parse(body);
        if (status >= 200 && status < 300) {
            String sid = json.path("sid").asString("");
            if (sid.isBlank()) {
                return new Outcome.Permanent("twilio " + status + " without a message sid");
            }
            return new Outcome.Delivered(sid);
        }
        String detail = "twilio " + status + (json.has("code") ? " code " + json.path("code").asString() : "")
                + (json.has("message") ? ": " + json.path("message").asString() : "");
        String error = ErrorText.clean(detail);
        if (status == 429 || status >= 500 || status == 408) {
            return new Outcome.Transient(error, RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), Instant.now()));
        }
        if (status == 401 || status == 403) {
            return new Outcome.Transient(error + " (check remit.sms.twilio credentials)");
        }
        return new Outcome.Permanent(error);
    }

    private static String read(InputStream body) throws IOException {
        if (body == null) {
            return "";
        }
        byte[] bytes = body.readNBytes(64 * 1024);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? DeliveryRepository.PAYLOAD.missingNode()
                    : DeliveryRepository.PAYLOAD.readTree(body);
        } catch (RuntimeException notJson) {
            return DeliveryRepository.PAYLOAD.missingNode();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
