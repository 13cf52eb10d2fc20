package dev.remit.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies of the template operations, with every property HighLevel's CreateInvoiceTemplateDto defines. */
public final class TemplateBodies {

    private TemplateBodies() {
    }

    public static Map<String, Object> lateFees(Object value, String type, int every, String interval, int graceDays,
            Object cap) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("enable", true);
        config.put("value", value);
        config.put("type", type);
        config.put("frequency", new LinkedHashMap<>(Map.of("intervalCount", every, "interval", interval)));
        config.put("grace", new LinkedHashMap<>(Map.of("intervalCount", graceDays, "interval", "day")));
        if (cap != null) {
            config.put("maxLateFees", new LinkedHashMap<>(Map.of("type", "fixed", "value", cap)));
        }
        return config;
    }

    public static Map<String, Object> create(Tenant tenant) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("internal", false);
        body.put("name", "Monthly retainer");
        body.put("businessDetails", new LinkedHashMap<>(Map.of("name", "Acme Plumbing", "phoneNo", "+1-214-559-6993",
                "website", "www.example.com", "address", Map.of("addressLine1", "9931 Beechwood", "city", "Houston",
                        "state", "TX", "countryCode", "US", "postalCode", "77001"))));
        body.put("currency", "USD");
        body.put("items", List.of(InvoiceBodies.withTax(InvoiceBodies.item("Retainer", 500, 2), 10),
                InvoiceBodies.item("Travel", 80, 1)));
        body.put("automaticTaxesEnabled", false);
        body.put("discount", new LinkedHashMap<>(Map.of("type", "fixed", "value", 30)));
        body.put("termsNotes", "<p>Net 30</p>");
        body.put("title", "RETAINER");
        body.put("tipsConfiguration", new LinkedHashMap<>(Map.of("tipsPercentage", List.of("5", "10"), "tipsEnabled", true)));
        body.put("lateFeesConfiguration", lateFees(10, "fixed", 1, "day", 2, 50));
        body.put("invoiceNumberPrefix", "RET-");
        body.put("paymentMethods", new LinkedHashMap<>(Map.of("stripe", Map.of("enableBankDebitOnly", false))));
        body.put("attachments", List.of("https://example.com/terms.pdf"));
        body.put("miscellaneousCharges", new LinkedHashMap<>(Map.of("charges", List.of(), "paidCharges",
                List.of(Map.of("name", "Processing", "charge", 3, "amount", 3, "_id", "6578278e879ad2646715ba77")))));
        return body;
    }
}
