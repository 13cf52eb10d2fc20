package dev.remit.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.invoice.InvoiceService;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Browser;
import dev.remit.support.Documents;
import dev.remit.support.InvoiceBodies;
import dev.remit.support.Tenant;

/** The hosted page in a real headless Chromium: what it shows in each status, at phone and desktop width. */
class HostedPageBrowserTest extends ApiTestBase {

    @Autowired
    InvoiceService invoices;

    @Test
    void eachStatusReadsClearlyAndTheScreenshotsAreSaved() {
        Tenant tenant = newTenant();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("Due", sent(tenant, "2099-03-01"));
        pages.put("Overdue", sent(tenant, "2026-02-10"));
        String partial = sent(tenant, "2099-03-01");
        pay(tenant, partial, 500);
        pages.put("Partially paid", partial);
        String paid = sent(tenant, "2099-03-01");
        pay(tenant, paid, null);
        pages.put("Paid", paid);
        String voided = sent(tenant, "2099-03-01");
        assertThat(api(tenant).post("/invoices/" + voided + "/void", InvoiceBodies.alt(tenant)).status()).isEqualTo(200);
        pages.put("Void", voided);

        try (Browser browser = Browser.open(1280, 900)) {
            pages.forEach((status, id) -> {
                browser.driver().get(link(tenant, id));
                assertThat(browser.driver().findElement(By.cssSelector(".badge")).getText()).isEqualTo(status);
                assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Acme Plumbing");
                assertThat(browser.driver().findElement(By.cssSelector(".banner")).getText()).contains("Test mode");
                browser.fullPageScreenshot("page-desktop-" + status.toLowerCase().replace(' ', '-'));
            });
            browser.driver().get(link(tenant, pages.get("Partially paid")));
            String totals = browser.driver().findElement(By.cssSelector("table.totals")).getText();
            assertThat(totals).contains("Subtotal $999.00", "Tax $82.42", "Total $1,081.42", "Amount paid $500.00",
                    "Amount due $581.42");
        }
        try (Browser phone = Browser.open(390, 844)) {
            phone.driver().get(link(tenant, pages.get("Due")));
            Object overflow = phone.driver().executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertThat(overflow).as("nothing is wider than a phone's screen").isEqualTo(false);
            phone.fullPageScreenshot("page-phone-due");
        }
    }

    /** The line boxes of each text on the page holding {@code text} that is displayed. */
    private static final String LINES_OF = """
            const lines = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const node = walker.currentNode;
              if (!node.textContent.includes(arguments[0]) || node.parentElement.getClientRects().length === 0) continue;
              const range = document.createRange();
              range.selectNodeContents(node);
              lines.push(new Set([...range.getClientRects()].map(r => Math.round(r.top))).size);
            }
            return lines;
            """;

    @Test
    void onAPhoneAnItemsTaxReadsOnOneLine() {
        Tenant tenant = newTenant();
        // the README's invoice
        Map<String, Object> body = new LinkedHashMap<>(InvoiceBodies.create(tenant, List.of(
                InvoiceBodies.withTax(InvoiceBodies.item("Consulting", 120.50, 3), 8.25),
                InvoiceBodies.item("Travel", 80, 1))));
        body.put("dueDate", "2099-03-01");
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        String id = created.json().path("_id").asString();
        for (int width : new int[] {360, 390}) {
            try (Browser phone = Browser.open(width, 800)) {
                phone.driver().get(link(tenant, id));
                Object lines = phone.driver().executeScript(LINES_OF, "8.25%");
                assertThat((List<?>) lines).as("line boxes of each visible tax text at " + width + " px").isNotEmpty()
                        .allSatisfy(count -> assertThat(((Number) count).intValue()).isEqualTo(1));
                phone.fullPageScreenshot("page-phone-" + width + "-tax");
            }
        }
    }

    @Test
    void voidPaidAndUnpayablePagesAtPhoneAndDesktopWidth() {
        Tenant tenant = newTenant();
        ApiResponse set = api(tenant).extension().put("/invoices/settings", Map.of("altId", tenant.locationId(),
                "altType", "location", "paymentInstructions",
                "Bank transfer to Acme Plumbing LLC\nRouting 021000021 · Account 000123456789\n"
                        + "Or a cheque to Acme Plumbing, 9931 Beechwood, Houston TX 77001"));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        Map<String, String> pages = new LinkedHashMap<>();
        String voided = sent(tenant, "2099-03-01");
        assertThat(api(tenant).post("/invoices/" + voided + "/void", InvoiceBodies.alt(tenant)).status()).isEqualTo(200);
        pages.put("void", voided);
        String paid = sent(tenant, "2099-03-01");
        Map<String, Object> card = new LinkedHashMap<>(InvoiceBodies.payment(tenant, null));
        card.put("mode", "card");
        card.put("card", Map.of("brand", "visa", "last4", "4242"));
        ApiResponse recorded = api(tenant).post("/invoices/" + paid + "/record-payment", card);
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(200);
        pages.put("paid", paid);
        pages.put("unpayable", sent(tenant, "2026-02-10"));

        for (int[] size : List.of(new int[] {1280, 900}, new int[] {390, 844})) {
            String width = size[0] < 600 ? "phone" : "desktop";
            try (Browser browser = Browser.open(size[0], size[1])) {
                browser.driver().get(link(tenant, pages.get("void")));
                assertThat(browser.driver().findElement(By.cssSelector(".callout.void")).getText())
                        .contains("Void — nothing is owed", "Please do not pay it");
                assertThat(browser.driver().findElement(By.tagName("main")).getText()).doesNotContain("Amount due");
                browser.fullPageScreenshot("page-" + width + "-void-nothing-owed");

                browser.driver().get(link(tenant, pages.get("paid")));
                assertThat(browser.driver().findElement(By.cssSelector(".doc-title")).getText()).isEqualTo("RECEIPT");
                assertThat(browser.driver().findElement(By.cssSelector(".callout.paid")).getText())
                        .contains("Paid on", "with Visa ending 4242");
                assertThat(browser.driver().findElement(By.tagName("main")).getText()).doesNotContain("Amount due");
                browser.fullPageScreenshot("page-" + width + "-paid-receipt");

                browser.driver().get(link(tenant, pages.get("unpayable")));
                assertThat(browser.driver().findElements(By.cssSelector("form button"))).as("no Pay button").isEmpty();
                assertThat(browser.driver().findElement(By.cssSelector(".instructions")).getText())
                        .contains("Routing 021000021");
                assertThat(browser.driver().findElement(By.cssSelector(".due-wording")).getText())
                        .isEqualTo("Overdue — was due Feb 10, 2026");
                assertThat(browser.driver().findElement(By.tagName("footer")).getText())
                        .contains("Contact Acme Plumbing", "+1 214-559-6993");
                Object overflow = browser.driver().executeScript(
                        "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
                assertThat(overflow).as("nothing is wider than the window").isEqualTo(false);
                browser.fullPageScreenshot("page-" + width + "-unpayable-with-instructions");
            }
        }
    }

    @Test
    void downloadPdfGivesThePdfOfThisInvoice() throws Exception {
        Tenant tenant = newTenant();
        String id = sent(tenant, "2099-03-01");
        try (Browser browser = Browser.open(1280, 900)) {
            browser.driver().get(link(tenant, id));
            WebElement download = browser.driver().findElement(By.linkText("Download PDF"));
            String href = download.getDomAttribute("href");
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            String text = Documents.pdfText(pdf.body());
            String number = browser.driver().findElement(By.cssSelector(".doc-title ~ p strong")).getText();
            assertThat(text).contains(number, "Macbook Pro", "$1,081.42");
        }
    }

    private String sent(Tenant tenant, String dueDate) {
        Map<String, Object> body = new LinkedHashMap<>(InvoiceBodies.create(tenant,
                List.of(InvoiceBodies.withTax(InvoiceBodies.item("Macbook Pro", 999, 1), 8.25))));
        body.put("dueDate", dueDate);
        ApiResponse created = api(tenant).post("/invoices/", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        String id = created.json().path("_id").asString();
        invoices.send(tenant.locationId(), id, dev.remit.invoice.SendAction.SEND_MANUALLY, false, null, unchecked -> { });
        return id;
    }

    private void pay(Tenant tenant, String id, Object amount) {
        ApiResponse paid = api(tenant).post("/invoices/" + id + "/record-payment", InvoiceBodies.payment(tenant, amount));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
    }

    private String link(Tenant tenant, String id) {
        return baseUrl() + "/i/" + invoices.load(tenant.locationId(), id).publicToken();
    }
}
