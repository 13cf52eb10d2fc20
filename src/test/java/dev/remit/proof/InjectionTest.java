package dev.remit.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.util.HtmlUtils;

import dev.remit.invoice.InvoiceService;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * No injection executes (issue 7): template and SQL strings in every free-text property of an
 * invoice read back verbatim through the API, on the hosted page and in the PDF; searching with
 * SQL finds only what contains it; and (once sending is on this branch) a name or email with CR/LF
 * puts no header into an email.
 */
class InjectionTest extends ApiTestBase {

    /** Template expressions of Thymeleaf (the engine remit uses), Spring EL, and others, and SQL. */
    static final List<String> PAYLOADS = List.of("${7*7}", "[[${7*7}]]", "[(${7*7})]", "*{7*7}", "#{7*7}", "{{7*7}}",
            "<%= 7*7 %>", "__${T(java.lang.Runtime).getRuntime().exec('id')}__::.x", "@{/x(a=${7*7})}", "${jndi:ldap://127.0.0.1:1/a}",
            "' OR 1=1 --", "'; DROP TABLE invoice; --", "\" OR \"\"=\"", "%' OR '1'='1", "<script>alert(1)</script>");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    InvoiceService invoices;

    @Value("${remit.data-dir}")
    String dataDir;

    private Map<String, Object> bodyWith(Tenant tenant, String text) {
        Map<String, Object> body = InvoiceBodies.create(tenant, List.of(InvoiceBodies.item(text, 10, 1)));
        body.put("name", text);
        body.put("termsNotes", text);
        body.put("title", text.length() > 40 ? text.substring(0, 40) : text);
        body.put("businessDetails", new LinkedHashMap<>(Map.of("name", text, "website", "www.example.com")));
        Map<String, Object> contact = new LinkedHashMap<>(InvoiceBodies.contact());
        contact.put("name", text);
        body.put("contactDetails", contact);
        return body;
    }

    @Test
    void templateAndSqlStringsAreStoredAndShownVerbatimEverywhere() throws Exception {
        Tenant tenant = newTenant();
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (String text : PAYLOADS) {
            if (++count % 20 == 0) {
                tenant = newTenant(); // stay under the burst limit
            }
            ApiResponse created = api(tenant).post("/invoices/", bodyWith(tenant, text));
            assertThat(created.status()).as(text + ": " + created).isEqualTo(200);
            String id = created.json().path("_id").asString();
            JsonNode read = api(tenant).get("/invoices/" + id + InvoiceBodies.q(tenant)).json();
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            fields.put("name", read.path("name"));
            fields.put("businessDetails.name", read.path("businessDetails").path("name"));
            fields.put("contactDetails.name", read.path("contactDetails").path("name"));
            fields.put("invoiceItems.0.name", read.path("invoiceItems").path(0).path("name"));
            fields.forEach((field, value) -> {
                if (!text.equals(value.asString())) {
                    problems.add(text + " in " + field + " read back as " + value);
                }
            });
            String token = invoices.load(tenant.locationId(), id).publicToken();
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            if (!page.body().contains(HtmlUtils.htmlEscape(text))) {
                problems.add(text + " is not on the hosted page verbatim (escaped as " + HtmlUtils.htmlEscape(text) + ")");
            }
            if (page.body().contains("<script>alert(1)</script>") || page.body().contains("uid=")) {
                problems.add(text + " executed or injected markup on the hosted page");
            }
            if (count <= 4 || text.contains("Runtime")) {
                HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token + "/pdf")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(pdf.statusCode()).isEqualTo(200);
                try (PDDocument document = Loader.loadPDF(pdf.body())) {
                    String pdfText = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
                    if (!pdfText.contains(text.replaceAll("\\s+", ""))) {
                        problems.add(text + " is not in the PDF verbatim");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void searchingWithSqlFindsOnlyWhatContainsTheText() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        for (int i = 0; i < 3; i++) {
            assertThat(api(tenant).post("/invoices/", InvoiceBodies.create(tenant)).status()).isEqualTo(200);
            assertThat(api(other).post("/invoices/", InvoiceBodies.create(other)).status()).isEqualTo(200);
        }
        Map<String, Object> marked = InvoiceBodies.create(tenant);
        marked.put("name", "Invoice ' OR 1=1 -- marked");
        assertThat(api(tenant).post("/invoices/", marked).status()).isEqualTo(200);
        for (String search : List.of("' OR 1=1 --", "%' OR '1'='1", "'; DROP TABLE invoice; --", "%", "_", "\\", "' OR 1=1 --' UNION SELECT")) {
            ApiResponse found = api(tenant).get("/invoices/" + InvoiceBodies.q(tenant) + "&limit=100&offset=0&search="
                    + java.net.URLEncoder.encode(search, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(found.status()).as(search + ": " + found).isEqualTo(200);
            int expected = "Invoice ' OR 1=1 -- marked".contains(search) ? 1 : 0;
            assertThat(found.json().path("total").asInt()).as("search %s", search).isEqualTo(expected);
        }
        // the table is still there, and the other location's invoices were never in reach
        ApiResponse all = api(other).get("/invoices/" + InvoiceBodies.q(other) + "&limit=100&offset=0");
        assertThat(all.json().path("total").asInt()).isEqualTo(3);
    }

    /** Names and addresses with CR/LF in every place a send can take them from; runs once the send endpoint is here. */
    @Test
    void crlfInNamesAndEmailsPutsNoHeaderIntoAnEmail() throws Exception {
        Tenant tenant = newTenant();
        Map<String, Object> body = bodyWith(tenant, "Alex\r\nBcc: victim@evil.example\r\nX-Injected: 1");
        Map<String, Object> contact = new LinkedHashMap<>(InvoiceBodies.contact());
        contact.put("name", "Alex\r\nBcc: victim@evil.example");
        contact.put("email", "crlf-customer@customer.example");
        body.put("contactDetails", contact);
        body.put("sentTo", Map.of("email", List.of("crlf-customer@customer.example")));
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().path("_id").asString();

        // an address with CR/LF is refused outright
        Map<String, Object> send = Operations.sendBody(new Operations.Target(tenant, id, "", null, null, null, null), "email");
        send.put("sentFrom", new LinkedHashMap<>(Map.of("fromName", "Acme", "fromEmail", "billing@acme.example\r\nBcc: victim@evil.example")));
        ApiResponse refused = api(tenant).post("/invoices/" + id + "/send", send);
        Assumptions.assumeFalse(refused.status() == 404 && refused.raw().contains("Cannot POST"), "the send endpoint is not on this branch yet");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);

        // a name with CR/LF is sent, and stays a name
        send.put("sentFrom", new LinkedHashMap<>(Map.of("fromName", "Acme\r\nBcc: victim@evil.example\r\nX-Injected: 1",
                "fromEmail", "billing@acme.example")));
        send.remove("autoPayment");
        ApiResponse sent = api(tenant).post("/invoices/" + id + "/send", send);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);

        Path outbox = Path.of(dataDir, "outbox", "email");
        MimeMessage message = null;
        for (int i = 0; i < 100 && message == null; i++) {
            message = find(outbox, "crlf-customer@customer.example");
            if (message == null) {
                Thread.sleep(200);
            }
        }
        assertThat(message).as("the email reached the outbox").isNotNull();
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("X-Injected")).isNull();
        assertThat(message.getAllRecipients()).extracting(Object::toString).noneMatch(r -> r.contains("victim@evil.example"));
    }

    private static MimeMessage find(Path outbox, String recipient) throws Exception {
        if (!Files.isDirectory(outbox)) {
            return null;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            // only finished messages: the outbox writes a hidden .part file and renames it into place
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList()) {
                byte[] raw = Files.readAllBytes(file);
                MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
                if (message.getAllRecipients() != null && java.util.Arrays.stream(message.getAllRecipients())
                        .anyMatch(r -> r.toString().contains(recipient))) {
                    return message;
                }
            }
        }
        return null;
    }
}
