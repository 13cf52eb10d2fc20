package dev.remit.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for the invoice operations, as a HighLevel client sends them. */
public final class InvoiceBodies {

    private InvoiceBodies() {
    }

    public static Map<String, Object> item(String name, Object amount, Object qty) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put("currency", "USD");
        item.put("amount", amount);
        item.put("qty", qty);
        item.put("taxes", new ArrayList<>());
        return item;
    }

    public static Map<String, Object> tax(Object rate) {
        Map<String, Object> tax = new LinkedHashMap<>();
        tax.put("_id", "6578278e879ad2646715ba01");
        tax.put("name", "Sales tax");
        tax.put("rate", rate);
        tax.put("calculation", "exclusive");
        return tax;
    }

    /** The item with one exclusive tax at {@code rate} percent. */
    public static Map<String, Object> withTax(Map<String, Object> item, Object rate) {
        Map<String, Object> taxed = new LinkedHashMap<>(item);
        taxed.put("taxes", List.of(tax(rate)));
        return taxed;
    }

    public static Map<String, Object> contact() {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", "c6tZZU0rJBf30ZXx9Gli");
        contact.put("name", "Alex Customer");
        contact.put("phoneNo", "(214) 559-6993");
        contact.put("email", "alex@example.com");
        contact.put("address", Map.of("countryCode", "US"));
        return contact;
    }

    public static Map<String, Object> create(Tenant tenant, List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("name", "New Invoice");
        body.put("businessDetails", Map.of("name", "Acme Plumbing", "phoneNo", "+1-214-559-6993",
                "website", "www.example.com"));
        body.put("currency", "USD");
        body.put("items", items);
        body.put("discount", Map.of("type", "percentage", "value", 0));
        body.put("contactDetails", contact());
        body.put("issueDate", "2026-01-10");
        body.put("dueDate", "2026-02-10");
        body.put("sentTo", Map.of("email", List.of("alex@example.com")));
        body.put("liveMode", false);
        return body;
    }

    public static Map<String, Object> create(Tenant tenant) {
        return create(tenant, List.of(item("Macbook Pro", 999, 1)));
    }

    public static Map<String, Object> update(Tenant tenant, List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("name", "Updated Invoice");
        body.put("currency", "USD");
        body.put("invoiceItems", items);
        body.put("issueDate", "2026-01-10");
        body.put("dueDate", "2026-02-10");
        return body;
    }

    public static Map<String, Object> payment(Tenant tenant, Object amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("mode", "cash");
        body.put("card", Map.of("brand", "", "last4", ""));
        body.put("cheque", Map.of("number", ""));
        body.put("notes", "paid at the counter");
        if (amount != null) {
            body.put("amount", amount);
        }
        return body;
    }

    public static Map<String, Object> alt(Tenant tenant) {
        return Map.of("altId", tenant.locationId(), "altType", "location");
    }

    public static String q(Tenant tenant) {
        return "?altId=" + tenant.locationId() + "&altType=location";
    }

    /** The seed's send request (POST /invoices/{invoiceId}/send) with real values where the page shows {@code <string>}. */
    public static Map<String, Object> seedSend(Tenant tenant, String action, boolean liveMode) {
        Map<String, Object> autoPayment = new LinkedHashMap<>();
        autoPayment.put("enable", true);
        autoPayment.put("type", "card");
        autoPayment.put("paymentMethodId", "pm_1OXj2bLkdIwHu7ix0DxJq2Bv");
        autoPayment.put("customerId", "cus_PMHmG7bK1d2WbS");
        autoPayment.put("card", Map.of("brand", "visa", "last4", "4242"));
        autoPayment.put("usBankAccount", Map.of("bank_name", "STRIPE TEST BANK", "last4", "6789"));
        autoPayment.put("sepaDirectDebit", Map.of("bank_code", "37040044", "last4", "3000", "branch_code", "001"));
        autoPayment.put("bacsDirectDebit", Map.of("sort_code", "108800", "last4", "2345"));
        autoPayment.put("becsDirectDebit", Map.of("bsb_number", "000000", "last4", "3456"));
        autoPayment.put("cardId", "card_1OXj2bLkdIwHu7ixq2Yb9nLm");
        autoPayment.put("provider", Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("userId", tenant.userId());
        body.put("action", action);
        body.put("liveMode", liveMode);
        body.put("sentFrom", Map.of("fromName", "Alex", "fromEmail", "alex@example.com"));
        body.put("autoPayment", autoPayment);
        return body;
    }
}
