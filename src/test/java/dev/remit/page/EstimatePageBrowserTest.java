package dev.remit.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.remit.support.ApiTestBase;
import dev.remit.support.Browser;
import dev.remit.support.EstimateFlow;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * A customer answers an estimate in a real headless Chromium, at phone and desktop width: reads it,
 * types their name and accepts (a double click accepts once), or declines with a reason; an expired
 * one offers neither. Screenshots of each go to target/screenshots/estimate-*.png.
 */
class EstimatePageBrowserTest extends ApiTestBase {

    private String sent(Tenant tenant, String expiryDate) {
        return EstimateFlow.sent(api(tenant), tenant, expiryDate);
    }


    @Test
    void acceptAtDesktopAndPhoneWidth() {
        for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
            String width = size[0] < 600 ? "phone" : "desktop";
            Tenant tenant = newTenant();
            String url = sent(tenant, "2099-12-31");
            try (Browser browser = Browser.open(size[0], size[1])) {
                browser.driver().get(url);
                assertThat(browser.driver().findElement(By.cssSelector(".doc-title")).getText()).isEqualTo("ESTIMATE");
                assertThat(browser.driver().findElement(By.cssSelector(".badge")).getText()).isEqualTo("Awaiting your answer");
                assertThat(browser.driver().findElement(By.cssSelector("table.totals")).getText()).contains("Total $3,048.00");
                Object overflow = browser.driver().executeScript(
                        "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
                assertThat(overflow).as("nothing is wider than the window").isEqualTo(false);
                browser.fullPageScreenshot("estimate-" + width + "-open");

                browser.driver().findElement(By.id("accept-name")).sendKeys("Pat Doe");
                WebElement accept = browser.driver().findElement(By.cssSelector(".accept-form button"));
                new Actions(browser.driver()).doubleClick(accept).perform();
                new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                        .until(driver -> driver.getCurrentUrl().endsWith("?accepted=1"));
                assertThat(browser.driver().findElement(By.cssSelector(".notice")).getText())
                        .isEqualTo("Thank you: you accepted this estimate.");
                assertThat(browser.driver().findElement(By.cssSelector(".callout.paid")).getText())
                        .contains("Accepted by Pat Doe on");
                assertThat(browser.driver().findElements(By.cssSelector(".accept-form"))).isEmpty();
                browser.fullPageScreenshot("estimate-" + width + "-accepted");
            }
            String estimateId = jdbc.sql("select id from estimate where public_token = ?")
                    .param(EstimateFlow.token(url)).query(String.class).single();
            JsonNode estimate = EstimateFlow.read(api(tenant), tenant, estimateId);
            assertThat(estimate.path("estimateActionHistory").toString()).as("a double click accepts once")
                    .containsOnlyOnce("\"accepted\"");
        }
    }

    @Test
    void declineAndExpiredAtDesktopAndPhoneWidth() {
        for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
            String width = size[0] < 600 ? "phone" : "desktop";
            Tenant tenant = newTenant();
            String open = sent(tenant, "2099-12-31");
            String expired = sent(tenant, "2026-01-31");
            try (Browser browser = Browser.open(size[0], size[1])) {
                browser.driver().get(open);
                browser.driver().findElement(By.id("decline-reason")).sendKeys("We went with another quote.");
                browser.driver().findElement(By.cssSelector(".decline-form button")).click();
                new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                        .until(driver -> driver.getCurrentUrl().endsWith("?declined=1"));
                assertThat(browser.driver().findElement(By.cssSelector(".callout.void")).getText()).contains("Declined on");
                assertThat(browser.driver().findElements(By.cssSelector(".answer"))).isEmpty();
                browser.fullPageScreenshot("estimate-" + width + "-declined");

                browser.driver().get(expired);
                assertThat(browser.driver().findElement(By.cssSelector(".callout.expired")).getText())
                        .contains("This estimate expired on Jan 31, 2026.");
                assertThat(browser.driver().findElement(By.cssSelector(".badge")).getText()).isEqualTo("Expired");
                assertThat(browser.driver().findElements(By.cssSelector(".answer"))).isEmpty();
                browser.fullPageScreenshot("estimate-" + width + "-expired");
            }
        }
    }
}
