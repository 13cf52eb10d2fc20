package dev.remit.payment;


import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.invoice.InvoiceService;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Browser;
import dev.remit.support.Tenant;

/** A customer opens the hosted page in Chromium, clicks Pay, and lands on (the stand-in for) Stripe Checkout. */
class PayButtonBrowserTest extends ApiTestBase {

    @Autowired
    InvoiceService invoices;

    @Test
    void clickingPayLandsOnTheCheckoutPage() {
        Tenant tenant = connectedTenant();
        String invoiceId = new InvoicePaymentFlowTest().createInvoiceVia(api(tenant), tenant, 249);
        invoices.send(tenant.locationId(), invoiceId, dev.remit.invoice.SendAction.SEND_MANUALLY, false, null, unchecked -> { });
        String token = invoices.load(tenant.locationId(), invoiceId).publicToken();
        String session = "cs_browser_" + invoiceId;
        StripeStub.checkoutSession(session, invoiceId);
        StripeStub.SERVER.stubFor(get(urlPathEqualTo("/checkout/" + session)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!doctype html><title>Stand-in Checkout</title><h1>Pay Acme Plumbing</h1>")));

        try (Browser browser = Browser.open(1280, 900)) {
            browser.driver().get(baseUrl() + "/i/" + token);
            var pay = browser.driver().findElement(By.cssSelector("form[action$='/pay'] button"));
            assertThat(pay.getText()).contains("Pay").contains("249");
            pay.click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(driver -> driver.getCurrentUrl().startsWith(StripeStub.checkoutUrl(session)));
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Pay Acme Plumbing");
        }
        assertThat(StripeStub.form(StripeStub.requests("POST", "/v1/checkout/sessions", invoiceId).get(0)))
                .containsEntry("line_items[0][price_data][unit_amount]", "24900");
    }

    @Test
    void withoutStripeThePageHasNoPayButton() {
        Tenant tenant = newTenant();
        String invoiceId = new InvoicePaymentFlowTest().createInvoiceVia(api(tenant), tenant, 10);
        invoices.send(tenant.locationId(), invoiceId, dev.remit.invoice.SendAction.SEND_MANUALLY, false, null, unchecked -> { });
        String token = invoices.load(tenant.locationId(), invoiceId).publicToken();
        try (Browser browser = Browser.open(1280, 900)) {
            browser.driver().get(baseUrl() + "/i/" + token);
            assertThat(browser.driver().findElements(By.cssSelector("form[action$='/pay']"))).isEmpty();
        }
    }
}
