package dev.remit.invoice;

import dev.remit.support.InvoiceBodies;
import static dev.remit.support.InvoiceBodies.alt;
import static dev.remit.support.InvoiceBodies.create;
import static dev.remit.support.InvoiceBodies.item;
import static dev.remit.support.InvoiceBodies.payment;
import static dev.remit.support.InvoiceBodies.q;
import static dev.remit.support.InvoiceBodies.tax;
import static dev.remit.support.InvoiceBodies.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.remit.support.ApiClient;
import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;
import dev.remit.support.Tenant;
import tools.jackson.databind.JsonNode;

/** Every invoice operation over HTTP; every answer is checked against HighLevel's contract by ApiClient. */
class InvoiceApiTest extends ApiTestBase {

    @Autowired
    InvoiceService service;

    private JsonNode created(Tenant tenant, Map<String, Object> body) {
        ApiResponse response = api(tenant).post("/invoices/", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private void markSent(Tenant tenant, String invoiceId) {
        service.send(tenant.locationId(), invoiceId, dev.remit.invoice.SendAction.SEND_MANUALLY, null, null, unchecked -> { });
    }

    @Test
    void createsAnInvoiceInTheSeedsShapeAndReadsItBack() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        Map<String, Object> line = item("Consulting", new BigDecimal("120.50"), 3);
        line.put("taxes", List.of(tax(8.25)));
        line.put("productId", "c6tZZU0rJBf30ZXx9Gli");
        JsonNode invoice = created(tenant, create(tenant, List.of(line, item("Travel", 80, 1))));
        assertThat(invoice.path("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(invoice.path("status").asString()).isEqualTo("draft");
        assertThat(invoice.path("invoiceNumber").isString()).isTrue();
        assertThat(invoice.path("invoiceNumber").asString()).isEqualTo("1");
        assertThat(invoice.path("altId").asString()).isEqualTo(tenant.locationId());
        assertThat(invoice.path("contactDetails").path("phoneNo").asString()).isEqualTo("(214) 559-6993");
        assertThat(invoice.path("businessDetails").path("phoneNo").asString()).isEqualTo("+1-214-559-6993");
        assertThat(invoice.path("invoiceItems").get(0).path("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(invoice.path("discount").path("type").asString()).isEqualTo("percentage");
        // 3 × 120.50 = 361.50, tax 8.25% = 29.82375 → 29.82; + 80 → 471.32
        assertThat(invoice.path("total").decimalValue()).isEqualByComparingTo("471.32");
        assertThat(invoice.path("amountDue").decimalValue()).isEqualByComparingTo("471.32");
        assertThat(invoice.path("amountPaid").decimalValue()).isEqualByComparingTo("0");
        assertThat(invoice.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        ApiResponse read = api.get("/invoices/" + invoice.path("_id").asString() + q(tenant));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("totalSummary").path("subTotal").decimalValue()).isEqualByComparingTo("441.50");
        assertThat(read.json().path("totalSummary").path("tax").decimalValue()).isEqualByComparingTo("29.82");
        assertThat(read.json().path("totalSummary").path("discount").decimalValue()).isEqualByComparingTo("0");
        assertThat(read.json().path("invoiceNumber").asString()).isEqualTo("1");
        assertThat(read.raw()).contains("\"total\":471.32");

        Invoice stored = service.load(tenant.locationId(), invoice.path("_id").asString());
        assertThat(stored.publicToken()).matches("[A-Za-z0-9_-]{43}");
        assertThat(service.findByPublicToken(stored.publicToken()).orElseThrow().id()).isEqualTo(stored.id());
    }

    @Test
    void discountsAndTaxesFollowTheDocumentedAlgorithm() {
        Tenant tenant = newTenant();
        Map<String, Object> a = item("A", 100, 1);
        a.put("productId", "p1");
        a.put("taxes", List.of(tax(10)));
        Map<String, Object> b = item("B", 50, 1);
        b.put("productId", "p2");
        b.put("taxes", List.of(tax(10)));
        Map<String, Object> body = create(tenant, List.of(a, b));
        body.put("discount", Map.of("type", "fixed", "value", 10, "validOnProductIds", List.of("p1")));
        JsonNode invoice = created(tenant, body);
        // discount 10 only on A: A net 90 → tax 9; B net 50 → tax 5; total 150 − 10 + 14 = 154
        assertThat(invoice.path("total").decimalValue()).isEqualByComparingTo("154");
        JsonNode read = api(tenant).get("/invoices/" + invoice.path("_id").asString() + q(tenant)).json();
        assertThat(read.path("totalSummary").path("discount").decimalValue()).isEqualByComparingTo("10");
        assertThat(read.path("totalSummary").path("tax").decimalValue()).isEqualByComparingTo("14");

        Map<String, Object> inclusive = item("Inclusive", 110, 1);
        inclusive.put("taxInclusive", true);
        inclusive.put("taxes", List.of(tax(10)));
        JsonNode second = created(tenant, create(tenant, List.of(inclusive)));
        assertThat(second.path("total").decimalValue()).isEqualByComparingTo("110");
    }

    @Test
    void paidMiscellaneousChargesAreAddedToTheTotal() {
        Tenant tenant = newTenant();
        Map<String, Object> body = create(tenant, List.of(item("Work", 100, 1)));
        body.put("miscellaneousCharges", Map.of(
                "charges", List.of(List.of(Map.of("name", "Processing Fee", "charge", 3))),
                "paidCharges", List.of(Map.of("name", "Processing Fee", "charge", 3, "amount", 3.25,
                        "_id", "673d01d7d547648a8dab6211"))));
        JsonNode invoice = created(tenant, body);
        assertThat(invoice.path("total").decimalValue()).isEqualByComparingTo("103.25");
        Invoice stored = service.load(tenant.locationId(), invoice.path("_id").asString());
        assertThat(stored.totals().charges()).isEqualByComparingTo("3.25");

        Map<String, Object> tooFine = create(tenant, List.of(item("Work", 100, 1)));
        tooFine.put("miscellaneousCharges", Map.of("charges", List.of(), "paidCharges", List.of(Map.of(
                "name", "Fee", "charge", 3, "amount", 3.255, "_id", "673d01d7d547648a8dab6211"))));
        assertThat(api(tenant).post("/invoices/", tooFine).messages())
                .containsExactly("miscellaneousCharges.paidCharges.0.amount must have at most 2 decimal places for USD");
    }

    @Test
    void aPartlyPaidInvoiceCanBeEditedButNotBelowWhatWasPaid() {
        Tenant tenant = newTenant();
        String id = created(tenant, create(tenant, List.of(item("Work", 100, 1)))).path("_id").asString();
        api(tenant).post("/invoices/" + id + "/record-payment", payment(tenant, 60));
        ApiResponse below = api(tenant).put("/invoices/" + id, update(tenant, List.of(item("Work", 50, 1))));
        assertThat(below.status()).isEqualTo(422);
        assertThat(below.messages())
                .containsExactly("The invoice total (50.00) cannot be less than the amount already paid (60.00)");
        ApiResponse exact = api(tenant).put("/invoices/" + id, update(tenant, List.of(item("Work", 60, 1))));
        assertThat(exact.status()).as(exact.toString()).isEqualTo(200);
        assertThat(exact.json().path("status").asString()).isEqualTo("paid");
        assertThat(exact.json().path("amountDue").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void jpyAndKwdRoundToTheirMinorUnits() {
        Tenant tenant = newTenant();
        Map<String, Object> yen = item("Tea", 333, 1);
        yen.put("currency", "JPY");
        yen.put("taxes", List.of(tax(10)));
        Map<String, Object> body = create(tenant, List.of(yen));
        body.put("currency", "JPY");
        JsonNode invoice = created(tenant, body);
        assertThat(invoice.path("total").decimalValue()).isEqualByComparingTo("366"); // 333 + 33.3 → 33

        Map<String, Object> dinar = item("Oil", new BigDecimal("1.005"), 3);
        dinar.put("currency", "KWD");
        dinar.put("taxes", List.of(tax(5)));
        Map<String, Object> kwd = create(tenant, List.of(dinar));
        kwd.put("currency", "KWD");
        JsonNode second = created(tenant, kwd);
        // 3.015 + 5% (0.15075 → 0.151) = 3.166
        assertThat(second.path("total").decimalValue()).isEqualByComparingTo("3.166");
    }

    @Test
    void validationNamesEveryViolatedConstraintAtOnce() {
        Tenant tenant = newTenant();
        Map<String, Object> bad = item("", -1, 0);
        bad.put("currency", "EUR");
        bad.put("taxes", List.of(tax(101)));
        Map<String, Object> cents = item("Cents", new BigDecimal("1.001"), 1);
        Map<String, Object> body = create(tenant, List.of(bad, cents));
        Map<String, Object> contact = new LinkedHashMap<>(InvoiceBodies.contact());
        contact.put("email", "not-an-email");
        contact.put("phoneNo", "12");
        contact.put("id", "c".repeat(65));
        body.put("contactDetails", contact);
        body.put("name", "n".repeat(501));
        body.put("issueDate", "2026-03-01");
        body.put("dueDate", "2026-02-01");
        body.put("sentTo", Map.of("email", List.of("nope")));
        body.put("colour", "red");
        ApiResponse response = api(tenant).post("/invoices/", body);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.messages()).contains(
                "property colour should not exist",
                "items.0.name should not be empty",
                "items.0.amount must not be less than 0",
                "items.0.qty must be a positive number",
                "items.0.taxes.0.rate must not be greater than 100",
                "items.0.currency must be the invoice currency USD",
                "items.1.amount must have at most 2 decimal places for USD",
                "contactDetails.email must be an email",
                "contactDetails.phoneNo must be a valid phone number",
                "sentTo.email.0 must be an email",
                "dueDate must not be before issueDate",
                "name must be shorter than or equal to 500 characters",
                "contactDetails.id must be shorter than or equal to 64 characters");

        Map<String, Object> unknownCurrency = create(tenant);
        unknownCurrency.put("currency", "XYZ");
        unknownCurrency.remove("altType");
        unknownCurrency.remove("liveMode");
        ApiResponse second = api(tenant).post("/invoices/", unknownCurrency);
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.messages()).contains("currency must be a valid ISO 4217 currency code",
                "altType should not be empty", "liveMode should not be empty");

        Map<String, Object> tooMuchDiscount = create(tenant);
        tooMuchDiscount.put("discount", Map.of("type", "fixed", "value", 1000));
        assertThat(api(tenant).post("/invoices/", tooMuchDiscount).messages())
                .containsExactly("discount.value must not be greater than the amount it applies to (999.00)");
        Map<String, Object> percent = create(tenant);
        percent.put("discount", Map.of("type", "percentage", "value", 150));
        assertThat(api(tenant).post("/invoices/", percent).messages())
                .containsExactly("discount.value must not be greater than 100");

        Map<String, Object> badAlt = create(tenant);
        badAlt.put("altId", "nope");
        assertThat(api(tenant).post("/invoices/", badAlt).status()).isEqualTo(403);
    }

    @Test
    void numbersComeFromTheLocationsCounterAndAGivenNumberMustBeUnused() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        ApiResponse next = api.get("/invoices/generate-invoice-number" + q(tenant));
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().path("invoiceNumber").asLong()).isEqualTo(1);
        assertThat(created(tenant, create(tenant)).path("invoiceNumber").asString()).isEqualTo("1");
        assertThat(api.get("/invoices/generate-invoice-number" + q(tenant)).json().path("invoiceNumber").asLong())
                .isEqualTo(2);

        Map<String, Object> given = create(tenant);
        given.put("invoiceNumber", "50");
        assertThat(created(tenant, given).path("invoiceNumber").asString()).isEqualTo("50");
        ApiResponse again = api.post("/invoices/", given);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.messages()).containsExactly("invoiceNumber 50 is already used by another invoice");
        assertThat(created(tenant, create(tenant)).path("invoiceNumber").asString()).isEqualTo("51");

        // another location counts on its own
        Tenant other = newTenant();
        assertThat(created(other, create(other)).path("invoiceNumber").asString()).isEqualTo("1");
    }

    @Test
    void updateReplacesTheContentAndRecomputesTotals() {
        Tenant tenant = newTenant();
        JsonNode invoice = created(tenant, create(tenant));
        String id = invoice.path("_id").asString();
        Map<String, Object> body = update(tenant, List.of(item("Phone", 500, 2)));
        body.put("discount", Map.of("type", "percentage", "value", 10));
        ApiResponse updated = api(tenant).put("/invoices/" + id, body);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("name").asString()).isEqualTo("Updated Invoice");
        assertThat(updated.json().path("total").decimalValue()).isEqualByComparingTo("900");
        assertThat(updated.json().path("invoiceNumber").asString()).isEqualTo(invoice.path("invoiceNumber").asString());
        assertThat(updated.json().path("contactDetails").path("email").asString()).isEqualTo("alex@example.com");

        Map<String, Object> invalid = update(tenant, List.of(item("Phone", 500, 2)));
        invalid.put("dueDate", "2025-01-01");
        invalid.remove("name");
        ApiResponse rejected = api(tenant).put("/invoices/" + id, invalid);
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.messages()).contains("name should not be empty", "dueDate must not be before issueDate");

        assertThat(api(tenant).put("/invoices/6578278e879ad2646715ba9c", body).status()).isEqualTo(404);
    }

    @Test
    void paymentsMoveTheInvoiceToPartiallyPaidThenPaid() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        String id = created(tenant, create(tenant, List.of(item("Work", 100, 1)))).path("_id").asString();
        markSent(tenant, id);

        ApiResponse first = api.post("/invoices/" + id + "/record-payment", payment(tenant, 30));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("success").asBoolean()).isTrue();
        assertThat(first.json().path("invoice").path("status").asString()).isEqualTo("partially_paid");
        assertThat(first.json().path("invoice").path("amountPaid").decimalValue()).isEqualByComparingTo("30");
        assertThat(first.json().path("invoice").path("amountDue").decimalValue()).isEqualByComparingTo("70");

        ApiResponse tooMuch = api.post("/invoices/" + id + "/record-payment", payment(tenant, 70.01));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.messages()).containsExactly("amount (70.01) must not be greater than the amount due (70.00)");

        Map<String, Object> fulfilled = payment(tenant, null);
        fulfilled.put("mode", "cheque");
        fulfilled.put("cheque", Map.of("number", "129-129"));
        fulfilled.put("fulfilledAt", "2026-01-15T10:00:00Z");
        ApiResponse rest = api.post("/invoices/" + id + "/record-payment", fulfilled);
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        assertThat(rest.json().path("invoice").path("status").asString()).isEqualTo("paid");
        assertThat(rest.json().path("invoice").path("amountDue").decimalValue()).isEqualByComparingTo("0");
        assertThat(service.payments(tenant.locationId(), id)).extracting(p -> p.amount().toPlainString())
                .containsExactly("30.0000", "70.0000");
        assertThat(service.payments(tenant.locationId(), id).get(1).fulfilledAt())
                .isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));

        ApiResponse paidAgain = api.post("/invoices/" + id + "/record-payment", payment(tenant, 1));
        assertThat(paidAgain.status()).isEqualTo(422);
        assertThat(paidAgain.messages()).containsExactly("The invoice is already paid; nothing is due");

        ApiResponse voidPaid = api.post("/invoices/" + id + "/void", alt(tenant));
        assertThat(voidPaid.status()).isEqualTo(422);
        assertThat(voidPaid.messages()).containsExactly("A paid invoice cannot be voided");

        ApiResponse editPaid = api.put("/invoices/" + id, update(tenant, List.of(item("Work", 100, 1))));
        assertThat(editPaid.status()).isEqualTo(422);
        assertThat(editPaid.messages()).containsExactly("A paid invoice cannot be edited");

        Map<String, Object> missing = new LinkedHashMap<>(payment(tenant, 1));
        missing.remove("card");
        missing.remove("cheque");
        missing.remove("notes");
        missing.put("mode", "barter");
        assertThat(api.post("/invoices/" + id + "/record-payment", missing).messages()).contains(
                "card should not be empty", "cheque should not be empty", "notes should not be empty",
                "mode must be one of the following values: cash, card, cheque, bank_transfer, other");
    }

    @Test
    void aPaymentOnADraftIsAcceptedAndOnAVoidInvoiceRefused() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        String draft = created(tenant, create(tenant)).path("_id").asString();
        ApiResponse paid = api.post("/invoices/" + draft + "/record-payment", payment(tenant, 999));
        assertThat(paid.json().path("invoice").path("status").asString()).isEqualTo("paid");

        String other = created(tenant, create(tenant)).path("_id").asString();
        ApiResponse voidDraft = api.post("/invoices/" + other + "/void", alt(tenant));
        assertThat(voidDraft.status()).isEqualTo(400);
        assertThat(voidDraft.json().path("message").asString())
                .isEqualTo("Can not void draft invoice. You can delete draft invoice!");
        markSent(tenant, other);
        api.post("/invoices/" + other + "/record-payment", payment(tenant, 100));
        ApiResponse voided = api.post("/invoices/" + other + "/void", alt(tenant));
        assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
        assertThat(voided.json().path("status").asString()).isEqualTo("void");
        ApiResponse payVoid = api.post("/invoices/" + other + "/record-payment", payment(tenant, 1));
        assertThat(payVoid.status()).isEqualTo(422);
        assertThat(payVoid.messages()).containsExactly("A payment cannot be recorded on a void invoice");
        ApiResponse editVoid = api.put("/invoices/" + other, update(tenant, List.of(item("Work", 100, 1))));
        assertThat(editVoid.messages()).containsExactly("A void invoice cannot be edited");
        assertThat(api.post("/invoices/" + other + "/void", alt(tenant)).messages())
                .containsExactly("The invoice is already void");
    }

    @Test
    void onlyDraftsMayBeDeleted() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        String draft = created(tenant, create(tenant)).path("_id").asString();
        ApiResponse deleted = api.delete("/invoices/" + draft + q(tenant));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("_id").asString()).isEqualTo(draft);
        assertThat(api.get("/invoices/" + draft + q(tenant)).status()).isEqualTo(404);
        assertThat(api.delete("/invoices/" + draft + q(tenant)).status()).isEqualTo(404);

        String sent = created(tenant, create(tenant)).path("_id").asString();
        markSent(tenant, sent);
        ApiResponse refused = api.delete("/invoices/" + sent + q(tenant));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asString()).isEqualTo("Invoice status need to be draft to delete an invoice");
        assertThat(api.get("/invoices/" + sent + q(tenant)).json().path("status").asString()).isEqualTo("sent");
    }

    @Test
    void settingsAreReadWithDefaultsAndChangedThroughTheExtension() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        ApiResponse defaults = api.get("/invoices/settings" + q(tenant));
        assertThat(defaults.status()).as(defaults.toString()).isEqualTo(200);
        assertThat(defaults.json().path("title").asString()).isEqualTo("INVOICE");
        assertThat(defaults.json().path("invoiceNumberPrefix").asString()).isEqualTo("INV-");
        assertThat(defaults.json().path("dueAfterXDays").asInt()).isEqualTo(30);
        assertThat(defaults.json().path("businessDetails").path("name").asString()).isEqualTo("Acme Plumbing");

        Map<String, Object> change = new LinkedHashMap<>(alt(tenant));
        change.put("title", "BILL");
        change.put("termsNote", "Net 14");
        change.put("dueAfterXDays", 14);
        change.put("invoiceNumberPrefix", "ACME-");
        change.put("senderConfiguration", Map.of("fromName", "Acme", "fromEmail", "billing@acme.example"));
        change.put("businessDetails", Map.of("name", "Acme Plumbing LLC", "phoneNo", "214 559 6993"));
        ApiResponse changed = api.extension().put("/invoices/settings", change);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        ApiResponse read = api.get("/invoices/settings" + q(tenant));
        assertThat(read.json().path("title").asString()).isEqualTo("BILL");
        assertThat(read.json().path("senderConfiguration").path("fromEmail").asString()).isEqualTo("billing@acme.example");
        assertThat(read.json().path("businessDetails").path("phoneNo").asString()).isEqualTo("+12145596993");

        Map<String, Object> body = create(tenant);
        body.remove("dueDate");
        JsonNode invoice = created(tenant, body);
        assertThat(invoice.path("title").asString()).isEqualTo("BILL");
        assertThat(invoice.path("dueDate").asString()).isEqualTo("2026-01-24");
        assertThat(service.load(tenant.locationId(), invoice.path("_id").asString()).content().invoiceNumberPrefix())
                .isEqualTo("ACME-");

        Map<String, Object> invalid = new LinkedHashMap<>(alt(tenant));
        invalid.put("title", "x".repeat(41));
        invalid.put("senderConfiguration", Map.of("fromEmail", "nope"));
        assertThat(api.extension().put("/invoices/settings", invalid).messages()).contains(
                "title must be shorter than or equal to 40 characters", "senderConfiguration.fromEmail must be an email");
    }

    @Test
    void lastVisitedAtRecordsTheVisit() {
        Tenant tenant = newTenant();
        String id = created(tenant, create(tenant)).path("_id").asString();
        ApiResponse visited = api(tenant).patch("/invoices/stats/last-visited-at", Map.of("invoiceId", id));
        assertThat(visited.status()).as(visited.toString()).isEqualTo(200);
        api(tenant).patch("/invoices/stats/last-visited-at", Map.of("invoiceId", id));
        Invoice invoice = service.load(tenant.locationId(), id);
        assertThat(invoice.visitCount()).isEqualTo(2);
        assertThat(invoice.lastVisitedAt()).isNotNull();
        assertThat(service.recordVisit(tenant.locationId(), id)).isTrue();

        Tenant stranger = newTenant();
        assertThat(api(stranger).patch("/invoices/stats/last-visited-at", Map.of("invoiceId", id)).status())
                .isEqualTo(404);
        assertThat(service.load(tenant.locationId(), id).visitCount()).isEqualTo(3);
        // the spec lists no 422 for this operation, but the real service validates every body alike
        ApiResponse invalid = api(tenant).extension().patch("/invoices/stats/last-visited-at", Map.of("invoiceId", "x"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.messages()).containsExactly("invoiceId must be a mongodb id");
    }

    @Test
    void anAgencyTokenActsOnTheLocationsOfItsCompany() {
        Tenant tenant = newTenant();
        String secret = tokens.issue(dev.remit.tenancy.TokenKind.AGENCY, tenant.companyId(), null, "agency",
                dev.remit.tenancy.Scopes.ALL).secret();
        ApiClient agency = api(tenant).withToken(secret);
        ApiResponse created = agency.post("/invoices/", create(tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().path("_id").asString();
        assertThat(agency.get("/invoices/" + id + q(tenant)).status()).isEqualTo(200);
        assertThat(agency.get("/invoices/" + q(tenant) + "&limit=5&offset=0").json().path("total").asLong()).isEqualTo(1);
        assertThat(agency.patch("/invoices/stats/last-visited-at", Map.of("invoiceId", id)).status()).isEqualTo(200);
        assertThat(service.load(tenant.locationId(), id).visitCount()).isEqualTo(1);

        Map<String, Object> noAlt = create(tenant);
        noAlt.remove("altId");
        ApiResponse missing = agency.post("/invoices/", noAlt);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.messages()).contains("altId should not be empty");

        Tenant elsewhere = newTenant();
        String foreign = created(elsewhere, create(elsewhere)).path("_id").asString();
        assertThat(agency.get("/invoices/" + foreign + q(elsewhere)).status()).isEqualTo(403);
        assertThat(agency.post("/invoices/", create(elsewhere)).status()).isEqualTo(403);
        assertThat(agency.patch("/invoices/stats/last-visited-at", Map.of("invoiceId", foreign)).status()).isEqualTo(404);
    }

    @Test
    void anotherLocationsInvoiceIsNotFoundAndAnotherLocationsAltIdIsForbidden() {
        Tenant owner = newTenant();
        Tenant stranger = newTenant();
        String id = created(owner, create(owner)).path("_id").asString();
        ApiClient api = api(stranger);

        // the stranger names its own location: the invoice is not there
        assertThat(api.get("/invoices/" + id + q(stranger)).status()).isEqualTo(404);
        assertThat(api.get("/invoices/" + id + q(stranger)).json().path("message").asString()).isEqualTo("Invoice not found");
        assertThat(api.put("/invoices/" + id, update(stranger, List.of(item("X", 1, 1)))).status()).isEqualTo(404);
        assertThat(api.delete("/invoices/" + id + q(stranger)).status()).isEqualTo(404);
        assertThat(api.post("/invoices/" + id + "/void", alt(stranger)).status()).isEqualTo(404);
        assertThat(api.post("/invoices/" + id + "/record-payment", payment(stranger, 1)).status()).isEqualTo(404);
        assertThat(api.patch("/invoices/stats/last-visited-at", Map.of("invoiceId", id)).status()).isEqualTo(404);
        JsonNode list = api.get("/invoices/" + q(stranger) + "&limit=10&offset=0").json();
        assertThat(list.path("total").asLong()).isZero();

        // the stranger names the owner's location: its token does not cover it
        assertThat(api.get("/invoices/" + id + q(owner)).status()).isEqualTo(403);
        assertThat(api.get("/invoices/" + id + q(owner)).json().path("message").asString())
                .isEqualTo("The token does not have access to this location.");
        assertThat(api.put("/invoices/" + id, update(owner, List.of(item("X", 1, 1)))).status()).isEqualTo(403);
        assertThat(api.delete("/invoices/" + id + q(owner)).status()).isEqualTo(403);
        assertThat(api.post("/invoices/" + id + "/void", alt(owner)).status()).isEqualTo(403);
        assertThat(api.post("/invoices/" + id + "/record-payment", payment(owner, 1)).status()).isEqualTo(403);
        assertThat(api.post("/invoices/", create(owner)).status()).isEqualTo(403);
        assertThat(api.get("/invoices/" + q(owner) + "&limit=10&offset=0").status()).isEqualTo(403);
        assertThat(api.get("/invoices/generate-invoice-number" + q(owner)).status()).isEqualTo(403);
        assertThat(api.get("/invoices/settings" + q(owner)).status()).isEqualTo(403);
        assertThat(api.extension().put("/invoices/settings", alt(owner)).status()).isEqualTo(403);

        // nothing changed for the owner
        JsonNode still = api(owner).get("/invoices/" + id + q(owner)).json();
        assertThat(still.path("status").asString()).isEqualTo("draft");
        assertThat(still.path("name").asString()).isEqualTo("New Invoice");
    }
    @Test
    void getSaysWhereTheInvoicesPublicPageIsADraftsBeingItsPreview() throws Exception {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        String id = created(tenant, create(tenant)).path("_id").asString();

        ApiResponse draft = api.get("/invoices/" + id + q(tenant));
        assertThat(draft.status()).isEqualTo(200);
        String url = draft.json().path("invoiceUrl").asString();
        assertThat(url).startsWith(baseUrl() + "/i/");
        java.net.http.HttpResponse<String> preview = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Draft", draft.json().path("invoiceNumber").asString());

        Map<String, Object> send = new LinkedHashMap<>(alt(tenant));
        send.put("userId", tenant.userId());
        send.put("action", "send_manually");
        send.put("liveMode", false);
        ApiResponse sent = api.post("/invoices/" + id + "/send", send);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().path("invoiceUrl").asString()).as("the link does not change when it is sent").isEqualTo(url);
        assertThat(api.get("/invoices/" + id + q(tenant)).json().path("invoiceUrl").asString()).isEqualTo(url);
    }

    /**
     * HighLevel's own example of a void invoice (the payload of its InvoiceVoid webhook, in
     * shared/highlevel/webhooks/InvoiceVoid.md: status void, total 999, amountPaid 0, amountDue 999)
     * keeps amountDue at total less what was paid: voiding changes the status, not the amounts. remit
     * answers the same, on void and on every read after.
     */
    @Test
    void aVoidInvoicesAmountDueIsWhatHighLevelsExampleShowsTotalLessPaid() {
        Tenant tenant = newTenant();
        ApiClient api = api(tenant);
        String id = created(tenant, create(tenant, List.of(item("Consulting", 100, 1)))).path("_id").asString();
        markSent(tenant, id);
        assertThat(api.post("/invoices/" + id + "/record-payment", payment(tenant, 30)).status()).isEqualTo(200);
        ApiResponse voided = api.post("/invoices/" + id + "/void", alt(tenant));
        assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
        for (JsonNode invoice : List.of(voided.json(), api.get("/invoices/" + id + q(tenant)).json())) {
            assertThat(invoice.path("status").asString()).isEqualTo("void");
            assertThat(invoice.path("total").decimalValue()).isEqualByComparingTo("100");
            assertThat(invoice.path("amountPaid").decimalValue()).isEqualByComparingTo("30");
            assertThat(invoice.path("amountDue").decimalValue()).isEqualByComparingTo("70");
        }
    }
}
