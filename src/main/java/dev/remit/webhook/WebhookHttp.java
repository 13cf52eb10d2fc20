package dev.remit.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.remit.jobs.RetryAfter;

/**
 * Posts a webhook: no redirects followed, no cookies, no automatic retries (the job retries), a
 * connect timeout and a deadline for the whole attempt, at most {@code max-response-body} of the
 * answer read, and only to addresses {@link ReceiverAddresses} allows.
 */
@Component
class WebhookHttp implements DisposableBean {

    /** What an attempt came to. */
    sealed interface Outcome {
        /** The receiver answered 2xx. */
        record Delivered(int status) implements Outcome {
        }

        /** Worth trying again (connection failure, timeout, 5xx, 429); {@code retryAfter} may be null. */
        record Transient(Integer status, String error, Duration retryAfter) implements Outcome {
        }

        /** Not worth trying again (another 4xx, a redirect, a refused address or URL). */
        record Permanent(Integer status, String error) implements Outcome {
        }
    }

    private final CloseableHttpClient client;
    private final WebhookProperties properties;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    WebhookHttp(WebhookProperties properties) {
        this.properties = properties;
        Timeout connect = Timeout.of(properties.connectTimeout());
        Timeout read = Timeout.of(properties.timeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new ReceiverAddresses(properties.allowPrivateAddresses()))
                        .setMaxConnTotal(200).setMaxConnPerRoute(properties.maxInFlightPerSubscription() * 2)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(read).setTimeToLive(Timeout.ofMinutes(5)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read)
                        .setConnectionRequestTimeout(read).setRedirectsEnabled(false).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .disableAuthCaching().disableContentCompression()
                .setUserAgent("remit-webhooks/1.0")
                .build();
    }

    /** Refuses what is not an absolute http(s) URL without user info; null when it is fine. */
    static String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return "url must be an absolute http or https URL";
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getScheme() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            return "url must be an absolute http or https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "url must not contain a user name or password";
        }
        if (uri.getRawFragment() != null) {
            return "url must not contain a fragment";
        }
        return null;
    }

    Outcome post(String url, byte[] body, Map<String, String> headers) {
        String refused = refusal(url);
        if (refused != null) {
            return new Outcome.Permanent(null, refused);
        }
        HttpPost post = new HttpPost(URI.create(url));
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, post, null);
            int status = response.getCode();
            String answer = read(response.getEntity(), post);
            if (status >= 200 && status < 300) {
                return new Outcome.Delivered(status);
            }
            String error = "HTTP " + status + (answer.isBlank() ? "" : ": " + answer.strip());
            if (status == 429 || status >= 500) {
                return new Outcome.Transient(status, error, RetryAfter.parse(valueOf(response.getFirstHeader("Retry-After")), Instant.now()));
            }
            if (status >= 300 && status < 400) {
                return new Outcome.Permanent(status, "HTTP " + status + ": redirects are not followed");
            }
            return new Outcome.Permanent(status, error);
        } catch (ReceiverAddresses.Refused refusedAddress) {
            return new Outcome.Permanent(null, refusedAddress.getMessage());
        } catch (IOException | RuntimeException failure) {
            String error = post.isCancelled() ? "no answer within " + properties.timeout().toMillis() + " ms"
                    : failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
            return new Outcome.Transient(null, error, null);
        } finally {
            deadline.cancel(false);
            if (response != null) {
                try {
                    response.close();
                } catch (IOException | RuntimeException ignored) {
                    // the answer was read as far as it will be
                }
            }
        }
    }

    /**
     * At most max-response-body of the answer, as text for the log (200 characters of it). A longer
     * answer is not read on: the connection is dropped rather than drained.
     */
    private String read(HttpEntity entity, HttpPost post) throws IOException {
        if (entity == null) {
            return "";
        }
        InputStream in = entity.getContent();
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE, properties.maxResponseBody().toBytes()));
        if (in.read() != -1) {
            post.cancel();
        } else {
            in.close();
        }
        String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String valueOf(Header header) {
        return header == null ? null : header.getValue();
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
