package dev.remit.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.LineItem;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Documents;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text no document can hold (a lone surrogate, U+FFFF, C0 control characters) stored in an invoice
 * by a writer that skipped the API's checks: the page and both PDFs still render, with the
 * characters replaced.
 */
class UnrenderableTextTest extends ApiTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * Every kind in one string. NUL only inside the JSON document, where it is escaped: PostgreSQL's
     * text columns (the invoice's name, the contact's name) cannot hold it.
     */
    static final String HOSTILE = "Zo\u00eb\u0001 \uD800Smith\uFFFF\u0007\uFFFE\uDC00 & Co";
    static final String HOSTILE_WITH_NUL = HOSTILE + "\u0000\u001b[0m";

    @Autowired
    InvoiceService invoices;

    @Autowired
    ObjectMapper json;

    @Test
    void aStoredNameWithCharactersNoDocumentCanHoldStillRendersEverywhere() throws Exception {
        Tenant tenant = newTenant();
        ApiResponse created = api(tenant).post("/invoices/", InvoiceBodies.create(tenant, List.of(InvoiceBodies.withTax(
                InvoiceBodies.item("Macbook Pro", 999, 1), 8.25))));
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        String id = created.json().path("_id").asString();
        Invoice stored = invoices.revise(tenant.locationId(), id, invoice -> hostile(invoice.content()));
        assertThat(stored.content().title()).contains("\u0000");

        String token = stored.publicToken();
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Smith", "Macbook").satisfies(UnrenderableTextTest::holdsOnlyTextRule);

        byte[] fromPage = pdf(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + token + "/pdf")).build());
        byte[] fromApi = pdf(HttpRequest.newBuilder(URI.create(baseUrl() + "/invoices/" + id + "/pdf?altId="
                + tenant.locationId() + "&altType=location")).header("Version", "2021-07-28")
                .header("Authorization", "Bearer " + tenant.token()).build());
        String text = Documents.pdfText(fromPage);
        assertThat(text).contains("Smith", "Macbook", "\uFFFD").satisfies(UnrenderableTextTest::holdsOnlyTextRule);
        assertThat(Documents.pdfText(fromApi)).isEqualTo(text);
    }

    @Test
    void locationSettingsWithSuchCharactersRenderToo() throws Exception {
        Tenant tenant = newTenant();
        java.util.Map<String, Object> body = InvoiceBodies.create(tenant, List.of(InvoiceBodies.item("Macbook Pro", 999, 1)));
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        Invoice invoice = invoices.revise(tenant.locationId(), created.json().path("_id").asString(),
                stored -> withBusinessDetails(stored.content(), json.createObjectNode()));
        ObjectNode business = json.createObjectNode().put("name", HOSTILE_WITH_NUL).put("website", "www.example.com" + HOSTILE);
        business.putObject("address").put("addressLine1", HOSTILE_WITH_NUL).put("city", HOSTILE);
        invoices.saveSettings(tenant.locationId(), new InvoiceSettings(business,
                new InvoiceSettings.SenderConfiguration(HOSTILE_WITH_NUL, null), null, null, HOSTILE_WITH_NUL, HOSTILE_WITH_NUL, null,
                HOSTILE_WITH_NUL));

        byte[] pdf = pdf(HttpRequest.newBuilder(URI.create(baseUrl() + "/i/" + invoice.publicToken() + "/pdf")).build());
        assertThat(Documents.pdfText(pdf)).contains("Smith").satisfies(UnrenderableTextTest::holdsOnlyTextRule);
    }

    private static byte[] pdf(HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        return response.body();
    }

    static void holdsOnlyTextRule(String text) {
        assertThat(text.codePoints().filter(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                || Character.isSurrogate((char) c))).as("unrenderable characters").isEmpty();
    }

    static InvoiceContent withBusinessDetails(InvoiceContent c, ObjectNode business) {
        return new InvoiceContent(c.name(), c.title(), c.currency(), c.issueDate(), c.dueDate(), c.items(), c.discount(),
                c.termsNotes(), c.invoiceNumberPrefix(), c.liveMode(), c.automaticTaxesEnabled(), business, c.contactDetails(),
                c.sentTo(), c.paymentSchedule(), c.miscellaneousCharges(), c.charges(), c.extras());
    }

    /** The content with the hostile text in every free-text place the customer sees. */
    static InvoiceContent hostile(InvoiceContent c) {
        List<LineItem> items = c.items().stream().map(item -> new LineItem(item.id(), item.name() + HOSTILE_WITH_NUL,
                HOSTILE_WITH_NUL, item.productId(), item.priceId(), item.currency(), item.amount(), item.qty(),
                item.taxes().stream().map(tax -> new LineItem.ItemTax(tax.id(), tax.name() + HOSTILE_WITH_NUL, tax.rate(),
                        tax.calculation(), tax.taxId())).toList(),
                item.automaticTaxCategoryId(), item.isSetupFeeItem(), item.type(), item.taxInclusive())).toList();
        ObjectNode business = ((ObjectNode) c.businessDetails()).deepCopy().put("name", HOSTILE_WITH_NUL);
        ObjectNode contact = ((ObjectNode) c.contactDetails()).deepCopy().put("name", HOSTILE)
                .put("companyName", HOSTILE_WITH_NUL);
        return new InvoiceContent(HOSTILE, HOSTILE_WITH_NUL, c.currency(), c.issueDate(), c.dueDate(), items, c.discount(),
                HOSTILE_WITH_NUL, "INV\u0007\uFFFF-", c.liveMode(), c.automaticTaxesEnabled(), business, contact, c.sentTo(),
                c.paymentSchedule(), c.miscellaneousCharges(), c.charges(), c.extras());
    }
}
