package dev.remit.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.invoice.InvoiceService;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Documents;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;

class HostedPageTest extends ApiTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    InvoiceService invoices;

    @Test
    void thePublicLinkShowsTheInvoiceWithHeadersAPublicPageNeeds() throws Exception {
        Tenant tenant = newTenant();
        String id = create(tenant);
        String token = invoices.load(tenant.locationId(), id).publicToken();

        HttpResponse<String> page = get("/i/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'")
                .doesNotContain("script-src");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store").contains("private");
        assertThat(page.headers().firstValue("X-Robots-Tag").orElse("")).contains("noindex");
        assertThat(page.headers().firstValue("Referrer-Policy").orElse("")).isEqualTo("no-referrer");
        assertThat(page.body()).contains("Acme Plumbing", "INV-", "Macbook Pro", "$999.00", "$1,081.42", "Sales tax 8.25%",
                "Test mode", "Download PDF");
        assertThat(Documents.htmlErrors(page.body())).isEmpty();
        assertThat(page.body().split("<table class=\"items\">", -1)).as("one items table").hasSize(2);
        assertThat(page.body().split("<span>Macbook Pro</span>", -1)).as("one row per item").hasSize(2);
    }

    @Test
    void openingThePageRecordsTheVisitWhereTheApiShowsIt() throws Exception {
        Tenant tenant = newTenant();
        String id = create(tenant);
        String token = invoices.load(tenant.locationId(), id).publicToken();
        assertThat(invoices.load(tenant.locationId(), id).visitCount()).isZero();

        get("/i/" + token);
        get("/i/" + token);

        assertThat(invoices.load(tenant.locationId(), id).visitCount()).isEqualTo(2);
        ApiResponse shown = api(tenant).get("/invoices/" + id + "?altId=" + tenant.locationId() + "&altType=location");
        assertThat(shown.json().path("visitCount").asInt()).isEqualTo(2);
        assertThat(shown.json().path("lastVisitedAt").asString()).isNotBlank();
        assertThat(shown.json().path("sentTo").path("email").get(0).asString()).isEqualTo("alex@example.com");
        assertThat(shown.json().path("invoiceNumberPrefix").asString()).isEqualTo("INV-");
    }

    @Test
    void comingBackFromCheckoutThePageSaysHowItWent() throws Exception {
        Tenant tenant = newTenant();
        String token = invoices.load(tenant.locationId(), create(tenant)).publicToken();
        assertThat(get("/i/" + token).body()).doesNotContain("class=\"notice\"");
        assertThat(get("/i/" + token + "?paid=1").body()).contains("Thank you: your payment was received");
        assertThat(get("/i/" + token + "?canceled=1").body()).contains("The payment was canceled; nothing was charged");
    }

    @Test
    void aWrongTokenIsAPlain404Page() throws Exception {
        for (String path : List.of("/i/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/i/short", "/i/%3Cscript%3E",
                "/i/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/pdf")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(page.body()).contains("Invoice not found").doesNotContain("Exception");
        }
    }

    @Test
    void thePdfFromThePageAndFromTheApiHoldTheSameFigures() throws Exception {
        Tenant tenant = newTenant();
        String id = create(tenant);
        String token = invoices.load(tenant.locationId(), id).publicToken();

        HttpResponse<byte[]> fromPage = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token + "/pdf")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fromPage.statusCode()).isEqualTo(200);
        assertThat(fromPage.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(fromPage.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".pdf");
        String pageText = Documents.pdfText(fromPage.body());
        assertThat(pageText).contains("Macbook Pro", "$999.00", "$82.42", "$1,081.42", "Amount due");

        HttpResponse<byte[]> fromApi = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/invoices/" + id
                + "/pdf?altId=" + tenant.locationId() + "&altType=location")).header("Version", "2021-07-28")
                .header("Authorization", "Bearer " + tenant.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fromApi.statusCode()).isEqualTo(200);
        assertThat(Documents.pdfText(fromApi.body())).isEqualTo(pageText);
    }

    @Test
    void thePaperSizeSettingChoosesA4OrLetter() throws Exception {
        Tenant tenant = newTenant();
        String id = create(tenant);
        String token = invoices.load(tenant.locationId(), id).publicToken();
        assertThat(pageWidth(token)).as("a US location prints on Letter by default").isEqualTo(612f);

        ApiResponse set = api(tenant).extension().put("/invoices/settings", Map.of("altId", tenant.locationId(),
                "altType", "location", "paperSize", "A4"));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        assertThat(set.json().path("paperSize").asString()).isEqualTo("A4");
        assertThat(pageWidth(token)).isCloseTo(595f, org.assertj.core.data.Offset.offset(1f));

        ApiResponse wrong = api(tenant).extension().put("/invoices/settings", Map.of("altId", tenant.locationId(),
                "altType", "location", "paperSize", "A5"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.messages()).contains("paperSize must be one of the following values: A4, Letter");
    }

    @Test
    void thePaymentInstructionsSettingShowsOnThePageAndInThePdfOfWhatIsDue() throws Exception {
        Tenant tenant = newTenant();
        String id = create(tenant);
        String token = invoices.load(tenant.locationId(), id).publicToken();
        assertThat(get("/i/" + token).body()).doesNotContain("How to pay");

        String instructions = "Bank transfer: Acme Plumbing LLC, routing 021000021, account ending 6789.\n"
                + "Cheques to 9931 Beechwood, Houston TX.";
        ApiResponse set = api(tenant).extension().put("/invoices/settings", Map.of("altId", tenant.locationId(),
                "altType", "location", "paymentInstructions", instructions));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        assertThat(set.json().path("paymentInstructions").asString()).isEqualTo(instructions);
        assertThat(api(tenant).get("/invoices/settings?altId=" + tenant.locationId() + "&altType=location").json()
                .path("paymentInstructions").asString()).isEqualTo(instructions);

        String page = get("/i/" + token).body();
        assertThat(page).contains("How to pay", "routing 021000021, account ending 6789.");
        assertThat(Documents.htmlErrors(page)).isEmpty();
        assertThat(Documents.pdfText(pdf(token))).contains("routing 021000021, account ending 6789.");

        ApiResponse tooLong = api(tenant).extension().put("/invoices/settings", Map.of("altId", tenant.locationId(),
                "altType", "location", "paymentInstructions", "x".repeat(2001)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.messages()).contains("paymentInstructions must be shorter than or equal to 2000 characters");

        ApiResponse cleared = api(tenant).extension().put("/invoices/settings", Map.of("altId", tenant.locationId(),
                "altType", "location", "paymentInstructions", ""));
        assertThat(cleared.json().has("paymentInstructions")).isFalse();
        assertThat(get("/i/" + token).body()).doesNotContain("How to pay");
    }

    @Test
    void aVoidInvoiceSaysNothingIsOwed() throws Exception {
        Tenant tenant = newTenant();
        String id = create(tenant);
        invoices.send(tenant.locationId(), id, dev.remit.invoice.SendAction.SEND_MANUALLY, false, null, unchecked -> { });
        assertThat(api(tenant).post("/invoices/" + id + "/void", InvoiceBodies.alt(tenant)).status()).isEqualTo(200);
        String token = invoices.load(tenant.locationId(), id).publicToken();

        String page = get("/i/" + token).body();
        assertThat(page).contains("Void — nothing is owed", "has voided this invoice. Please do not pay it.")
                .doesNotContain("Amount due", "amount-due");
        assertThat(Documents.pdfText(pdf(token))).contains("Void — nothing is owed").doesNotContain("Amount due");
    }

    @Test
    void aPaidInvoiceIsAReceiptThatSaysWhenAndHowItWasPaid() throws Exception {
        Tenant tenant = newTenant();
        String id = create(tenant);
        invoices.send(tenant.locationId(), id, dev.remit.invoice.SendAction.SEND_MANUALLY, false, null, unchecked -> { });
        Map<String, Object> cheque = new java.util.LinkedHashMap<>(InvoiceBodies.payment(tenant, 81.42));
        cheque.put("mode", "cheque");
        cheque.put("cheque", Map.of("number", "1042"));
        cheque.put("fulfilledAt", "2026-02-02T15:00:00.000Z");
        assertThat(api(tenant).post("/invoices/" + id + "/record-payment", cheque).status()).isEqualTo(200);
        Map<String, Object> card = new java.util.LinkedHashMap<>(InvoiceBodies.payment(tenant, null));
        card.put("mode", "card");
        card.put("card", Map.of("brand", "visa", "last4", "4242"));
        card.put("fulfilledAt", "2026-02-03T15:00:00.000Z");
        ApiResponse paid = api(tenant).post("/invoices/" + id + "/record-payment", card);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        String token = invoices.load(tenant.locationId(), id).publicToken();

        String page = get("/i/" + token).body();
        assertThat(page).contains("<p class=\"doc-title\">RECEIPT</p>", "Paid on Feb 3, 2026",
                "Cheque no. 1042, Visa ending 4242", "$81.42", "$1,000.00").doesNotContain("Amount due");
        assertThat(Documents.htmlErrors(page)).isEmpty();
        HttpResponse<byte[]> receipt = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token + "/pdf"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(receipt.headers().firstValue("Content-Disposition").orElse("")).contains("receipt-");
        assertThat(Documents.pdfText(receipt.body())).contains("RECEIPT", "PAID ON FEB 3, 2026", "Visa ending 4242",
                "Cheque no. 1042");
    }

    private byte[] pdf(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token + "/pdf")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private float pageWidth(String token) throws Exception {
        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token + "/pdf")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            return document.getPage(0).getMediaBox().getWidth();
        }
    }

    @Test
    void theAuthenticatedPdfKeepsLocationsApart() {
        Tenant owner = newTenant();
        Tenant stranger = newTenant();
        String id = create(owner);
        ApiResponse foreignInvoice = api(stranger).extension().get("/invoices/" + id + "/pdf?altId=" + stranger.locationId()
                + "&altType=location");
        assertThat(foreignInvoice.status()).isEqualTo(404);
        ApiResponse foreignLocation = api(stranger).extension().get("/invoices/" + id + "/pdf?altId=" + owner.locationId()
                + "&altType=location");
        assertThat(foreignLocation.status()).isEqualTo(403);
        ApiResponse noScope = api(owner).withToken(null).extension().get("/invoices/" + id + "/pdf?altId="
                + owner.locationId() + "&altType=location");
        assertThat(noScope.status()).isEqualTo(401);
    }

    private String create(Tenant tenant) {
        Map<String, Object> body = InvoiceBodies.create(tenant, List.of(InvoiceBodies.withTax(
                InvoiceBodies.item("Macbook Pro", 999, 1), 8.25)));
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        return created.json().path("_id").asString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
