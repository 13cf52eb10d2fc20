package dev.remit.invoice;

import dev.remit.support.InvoiceBodies;
import static dev.remit.support.InvoiceBodies.create;
import static dev.remit.support.InvoiceBodies.item;
import static dev.remit.support.InvoiceBodies.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;

/** list-invoices against a few hundred invoices: every filter, both sort orders, pages that add up. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoiceListTest extends ApiTestBase {

    static final int COUNT = 300;

    @Autowired
    InvoiceService service;

    @Autowired
    dev.remit.invoice.web.InvoiceContents contents;

    Tenant tenant;
    /** What each invoice was made with, by id. */
    final Map<String, Made> made = new LinkedHashMap<>();

    record Made(LocalDate issue, boolean live, String contactId, String email, String phone, String name,
            String status, String number) {
    }

    @BeforeAll
    void createInvoices() {
        tenant = newTenant();
        Location location = tenancy.findLocation(tenant.locationId()).orElseThrow();
        InvoiceSettings settings = InvoiceSettings.empty().withDefaults(null);
        for (int i = 0; i < COUNT; i++) {
            Map<String, Object> body = create(tenant, List.of(item("Item " + i, 10 + i, 1)));
            LocalDate issue = LocalDate.of(2025, 1, 1).plusDays(i % 120);
            body.put("issueDate", issue.toString());
            body.put("dueDate", issue.plusDays(30).toString());
            boolean live = i % 3 == 0;
            body.put("liveMode", live);
            body.put("name", i % 10 == 0 ? "Quarterly retainer " + i : "Invoice " + i);
            Map<String, Object> contact = new LinkedHashMap<>(InvoiceBodies.contact());
            String contactId = "contact" + (i % 7);
            contact.put("id", contactId);
            contact.put("email", "customer" + (i % 7) + "@example.com");
            contact.put("phoneNo", "+1 214 555 01" + String.format("%02d", i % 7));
            body.put("contactDetails", contact);
            // straight through the service (the HTTP path is covered elsewhere): 300 creates stay quick
            var request = new tools.jackson.databind.json.JsonMapper().convertValue(body,
                    dev.remit.invoice.web.InvoiceRequests.CreateInvoice.class);
            Invoice invoice = service.create(tenant.locationId(), contents.fromCreate(request, location, settings),
                    null);
            String status = "draft";
            if (i % 4 == 1) {
                service.send(tenant.locationId(), invoice.id(), dev.remit.invoice.SendAction.SEND_MANUALLY, null, null, unchecked -> { });
                status = "sent";
            } else if (i % 4 == 2) {
                service.recordPayment(tenant.locationId(), invoice.id(), new InvoiceService.PaymentInput(null, "cash",
                        "manual", null, null, null, "", null, null, null));
                status = "paid";
            }
            made.put(invoice.id(), new Made(issue, live, contactId, (String) contact.get("email"),
                    invoice.content().smsPhones().contact(), (String) body.get("name"), status, invoice.invoiceNumber()));
        }
        // another location's invoices never show up
        Tenant other = newTenant();
        api(other).post("/invoices/", create(other));
    }

    private List<JsonNode> all(String filters, String order) {
        ApiClient api = api(tenant);
        List<JsonNode> out = new ArrayList<>();
        long total = -1;
        for (int offset = 0; ; offset += 100) {
            ApiResponse page = api.get("/invoices/" + q(tenant) + "&limit=100&offset=" + offset + filters
                    + (order == null ? "" : "&sortField=issueDate&sortOrder=" + order));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            total = page.json().path("total").asLong();
            page.json().path("invoices").forEach(out::add);
            if (page.json().path("invoices").size() < 100) {
                break;
            }
        }
        assertThat(out).hasSize((int) total);
        return out;
    }

    private Set<String> ids(List<JsonNode> invoices) {
        Set<String> ids = new HashSet<>();
        invoices.forEach(i -> ids.add(i.path("_id").asString()));
        assertThat(ids).hasSize(invoices.size());
        return ids;
    }

    private Set<String> expected(java.util.function.Predicate<Made> filter) {
        Set<String> ids = new HashSet<>();
        made.forEach((id, m) -> {
            if (filter.test(m)) {
                ids.add(id);
            }
        });
        return ids;
    }

    @Test
    void pagesCoverEveryInvoiceOnceInIssueDateOrder() {
        List<JsonNode> descending = all("", null);
        assertThat(ids(descending)).isEqualTo(made.keySet());
        for (int i = 1; i < descending.size(); i++) {
            assertThat(descending.get(i - 1).path("issueDate").asString())
                    .isGreaterThanOrEqualTo(descending.get(i).path("issueDate").asString());
        }
        List<JsonNode> ascending = all("", "ascend");
        for (int i = 1; i < ascending.size(); i++) {
            assertThat(ascending.get(i - 1).path("issueDate").asString())
                    .isLessThanOrEqualTo(ascending.get(i).path("issueDate").asString());
        }
        ApiResponse page = api(tenant).get("/invoices/" + q(tenant) + "&limit=7&offset=293&sortOrder=ascend");
        assertThat(page.json().path("total").asLong()).isEqualTo(COUNT);
        assertThat(page.json().path("invoices").size()).isEqualTo(7);
        assertThat(page.json().path("invoices").get(0).path("totalSummary").has("subTotal")).isTrue();
        ApiResponse beyond = api(tenant).get("/invoices/" + q(tenant) + "&limit=10&offset=1000");
        assertThat(beyond.json().path("invoices").size()).isZero();
        assertThat(beyond.json().path("total").asLong()).isEqualTo(COUNT);
    }

    @Test
    void filtersSelectExactlyTheMatchingInvoices() {
        assertThat(ids(all("&status=paid", null))).isEqualTo(expected(m -> m.status().equals("paid")));
        assertThat(ids(all("&status=sent", null))).isEqualTo(expected(m -> m.status().equals("sent")));
        assertThat(ids(all("&startAt=2025-02-01&endAt=2025-02-28", null))).isEqualTo(expected(
                m -> !m.issue().isBefore(LocalDate.of(2025, 2, 1)) && !m.issue().isAfter(LocalDate.of(2025, 2, 28))));
        assertThat(ids(all("&paymentMode=live", null))).isEqualTo(expected(Made::live));
        assertThat(ids(all("&paymentMode=test", null))).isEqualTo(expected(m -> !m.live()));
        assertThat(ids(all("&paymentMode=default", null))).isEqualTo(made.keySet());
        assertThat(ids(all("&contactId=contact3", null))).isEqualTo(expected(m -> m.contactId().equals("contact3")));
        assertThat(ids(all("&contactId=contact3&status=draft&paymentMode=live", null))).isEqualTo(expected(
                m -> m.contactId().equals("contact3") && m.status().equals("draft") && m.live()));
    }

    @Test
    void searchFindsByIdNameNumberEmailAndPhone() {
        String someId = made.keySet().iterator().next();
        assertThat(ids(all("&search=" + someId, null))).containsExactly(someId);
        assertThat(ids(all("&search=retainer", null))).isEqualTo(expected(m -> m.name().contains("retainer")));
        assertThat(ids(all("&search=CUSTOMER5%40example.com", null)))
                .isEqualTo(expected(m -> m.email().equals("customer5@example.com")));
        assertThat(ids(all("&search=2145550104", null))).isEqualTo(expected(m -> m.phone().equals("+12145550104")));
        assertThat(ids(all("&search=123", null))).isEqualTo(expected(m -> m.number().contains("123")
                || m.name().contains("123") || m.email().contains("123") || m.phone().contains("123")));
        assertThat(ids(all("&search=INV-123", null))).contains(expected(m -> m.number().equals("123")).iterator().next());
        assertThat(all("&search=no-such-thing", null)).isEmpty();
    }

    @Test
    void limitAndOffsetAreRequiredNumberStrings() {
        ApiResponse missing = api(tenant).get("/invoices/" + q(tenant));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.messages()).contains("limit should not be empty", "offset should not be empty");
        ApiResponse wrong = api(tenant).get("/invoices/" + q(tenant) + "&limit=ten&offset=-1&status=unpaid"
                + "&sortOrder=up&paymentMode=cash&startAt=yesterday");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.messages()).contains("limit must be a number string", "offset must be a number string",
                "sortOrder must be one of the following values: ascend, descend",
                "paymentMode must be one of the following values: default, live, test",
                "startAt must be a valid ISO 8601 date string",
                "status must be one of the following values: draft, sent, partially_paid, paid, void, payment_processing");
        ApiResponse tooMany = api(tenant).get("/invoices/" + q(tenant) + "&limit=101&offset=0");
        assertThat(tooMany.messages()).containsExactly("limit must not be greater than 100");
        ApiResponse noSlash = api(tenant).get("/invoices" + q(tenant) + "&limit=1&offset=0");
        assertThat(noSlash.status()).as(noSlash.toString()).isEqualTo(200);
        assertThat(noSlash.json().path("total").asLong()).isEqualTo(COUNT);
    }
}
