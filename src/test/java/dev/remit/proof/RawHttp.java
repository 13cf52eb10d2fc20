package dev.remit.proof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.remit.proof.FuzzCampaignTest.Context;
import dev.remit.support.ApiClient;

/**
 * Requests no HTTP client library will write: framing that a front end and the server could read
 * differently (two Content-Length, Content-Length with chunked, odd Transfer-Encoding), malformed
 * header lines, a request hidden in a body. Each goes over a socket of its own; the server must
 * refuse it or read it one way only, answer at most once, and never with a 5xx or internals.
 */
final class RawHttp {

    private RawHttp() {
    }

    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.1 (\\d{3}) ");

    static void sweep(FuzzCampaignTest campaign, Context ctx) {
        String host = "localhost:" + URIs.port(campaign.serverUrl());
        String auth = "Authorization: Bearer " + ctx.tenant.token() + "\r\nVersion: " + ApiClient.VERSION + "\r\n";
        String list = "/invoices/?altId=" + ctx.tenant.locationId() + "&altType=location&limit=1&offset=0";
        String json = "{\"invoiceId\":\"" + ctx.targets.get(0).invoiceId() + "\"}";
        String hidden = "GET " + list + " HTTP/1.1\r\nHost: " + host + "\r\n" + auth + "\r\n";
        String patch = "PATCH /invoices/stats/last-visited-at HTTP/1.1\r\nHost: " + host + "\r\n" + auth;
        String close = "Connection: close\r\n";

        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("two different Content-Length", patch
                + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: " + json.length() + "\r\n\r\n" + json);
        requests.put("Content-Length and chunked, a request hidden after the chunks", patch + "Content-Type: application/json\r\nContent-Length: " + (json.length() + 2)
                + "\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n" + hidden);
        requests.put("chunked twice", patch + close
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n");
        requests.put("an unknown Transfer-Encoding", patch + close
                + "Content-Type: application/json\r\nTransfer-Encoding: xchunked\r\nContent-Length: " + json.length() + "\r\n\r\n" + json);
        requests.put("a folded header line", "GET " + list + " HTTP/1.1\r\nHost: " + host + "\r\n" + auth + close + "X-Folded: a\r\n b\r\n\r\n");
        requests.put("a space before the colon", "GET " + list + " HTTP/1.1\r\nHost: " + host + "\r\nVersion: " + ApiClient.VERSION
                + "\r\nAuthorization : Bearer " + ctx.tenant.token() + "\r\n" + close + "\r\n");
        requests.put("two Host headers", "GET " + list + " HTTP/1.1\r\nHost: " + host + "\r\nHost: evil.example\r\n" + auth + close + "\r\n");
        requests.put("a NUL in a header", "GET " + list + " HTTP/1.1\r\nHost: " + host + "\r\n" + auth + close + "X-Nul: a\u0000b\r\n\r\n");
        requests.put("a header of 20 KB", "GET " + list + " HTTP/1.1\r\nHost: " + host + "\r\n" + auth + close + "X-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        requests.put("200 headers", "GET " + list + " HTTP/1.1\r\nHost: " + host + "\r\n" + auth + close + "X-Many: a\r\n".repeat(200) + "\r\n");
        requests.put("bare LF line ends", "GET " + list + " HTTP/1.1\nHost: " + host + "\n" + auth.replace("\r\n", "\n") + close.replace("\r\n", "\n") + "\n");
        requests.put("an absolute URI naming another host", "GET http://evil.example" + list + " HTTP/1.1\r\nHost: " + host + "\r\n" + auth + close + "\r\n");
        requests.put("the body of a GET holding a second request", "GET " + list + " HTTP/1.1\r\nHost: " + host + "\r\n" + auth
                + "Content-Length: " + hidden.length() + "\r\n\r\n" + hidden);
        requests.put("two Authorization headers", "GET " + list + " HTTP/1.1\r\nHost: " + host + "\r\nVersion: " + ApiClient.VERSION
                + "\r\nAuthorization: Bearer " + ctx.tenant.token() + "\r\nAuthorization: Bearer x\r\n" + close + "\r\n");

        requests.forEach((what, text) -> {
            String answer = exchange(campaign.serverUrl(), text.getBytes(StandardCharsets.ISO_8859_1));
            campaign.sent.incrementAndGet();
            ctx.used++;
            List<String> problems = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            Matcher m = STATUS_LINE.matcher(answer);
            while (m.find()) {
                statuses.add(Integer.parseInt(m.group(1)));
            }
            campaign.notes.add("  " + what + ": " + (statuses.isEmpty() ? "no answer, connection closed" : statuses));
            if (statuses.isEmpty() && !answer.isEmpty()) {
                problems.add("an answer that is not HTTP");
            }
            if (statuses.size() > 1) {
                problems.add(statuses.size() + " answers to one request: " + statuses);
            }
            if (statuses.stream().anyMatch(s -> s >= 500 && !(s == 501 && what.contains("unknown Transfer-Encoding")))) {
                problems.add("answered " + statuses);
            }
            if (what.contains("Authorization") && statuses.stream().anyMatch(s -> s != 400 && s != 401)) {
                problems.add("two Authorization headers answered " + statuses);
            }
            Matcher internals = ResponseChecks.INTERNALS.matcher(answer);
            if (internals.find()) {
                problems.add("internals: " + answer.substring(Math.max(0, internals.start() - 60), Math.min(answer.length(), internals.end() + 60)));
            }
            if (answer.length() > ResponseChecks.MAX_ANSWER_BYTES) {
                problems.add("an answer of " + answer.length() + " bytes");
            }
            if (!problems.isEmpty()) {
                campaign.fail("HTTP framing", problems + " ← " + what + " → "
                        + (answer.length() > 600 ? answer.substring(0, 600) + "…" : answer));
            }
        });
    }

    /** Writes the bytes, then reads what comes back until the server closes or stays silent for a second. */
    static String exchange(String baseUrl, byte[] request) {
        try (Socket socket = new Socket("localhost", URIs.port(baseUrl))) {
            socket.setSoTimeout(1_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0 && out.size() < 1_000_000; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException quiet) {
                // the server keeps the connection open for a next request: all it had to say is said
            } catch (IOException reset) {
                // closed by the server after its answer
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static final class URIs {
        static int port(String baseUrl) {
            return java.net.URI.create(baseUrl).getPort();
        }
    }
}
