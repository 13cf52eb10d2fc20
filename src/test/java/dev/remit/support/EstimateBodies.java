package dev.remit.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies of the estimate operations, with the properties HighLevel's CreateEstimatesDto defines. */
public final class EstimateBodies {

    private EstimateBodies() {
    }

    public static Map<String, Object> create(Tenant tenant) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("name", "Kitchen remodel");
        body.put("businessDetails", new LinkedHashMap<>(Map.of("name", "Acme Plumbing", "phoneNo", "+1-214-559-6993",
                "website", "www.example.com")));
        body.put("currency", "USD");
        Map<String, Object> labour = new LinkedHashMap<>(InvoiceBodies.withTax(InvoiceBodies.item("Labour", 120.5, 3), 8.25));
        labour.put("attachments", List.of("https://example.com/plan.pdf"));
        body.put("items", List.of(labour, InvoiceBodies.item("Materials", 80, 1)));
        body.put("liveMode", false);
        body.put("discount", new LinkedHashMap<>(Map.of("type", "percentage", "value", 0)));
        body.put("termsNotes", "<p>Valid for 30 days</p>");
        body.put("title", "ESTIMATE");
        body.put("contactDetails", InvoiceBodies.contact());
        body.put("issueDate", "2031-03-01");
        body.put("expiryDate", "2031-03-31");
        body.put("sentTo", new LinkedHashMap<>(Map.of("email", List.of("alex@example.com"))));
        body.put("automaticTaxesEnabled", false);
        body.put("meta", new LinkedHashMap<>(Map.of("source", "test")));
        body.put("frequencySettings", new LinkedHashMap<>(Map.of("enabled", false, "schedule", new LinkedHashMap<>())));
        body.put("estimateNumberPrefix", "EST-");
        body.put("userId", tenant.userId());
        body.put("autoInvoice", new LinkedHashMap<>(Map.of("enabled", false, "directPayments", false)));
        return body;
    }

    public static Map<String, Object> update(Tenant tenant) {
        Map<String, Object> body = create(tenant);
        body.put("name", "Kitchen remodel, revised");
        return body;
    }

    public static Map<String, Object> template(Tenant tenant) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("name", "Remodel template");
        body.put("businessDetails", new LinkedHashMap<>(Map.of("name", "Acme Plumbing")));
        body.put("currency", "USD");
        body.put("items", List.of(InvoiceBodies.withTax(InvoiceBodies.item("Labour", 100, 2), 10)));
        body.put("liveMode", false);
        body.put("discount", new LinkedHashMap<>(Map.of("type", "fixed", "value", 20)));
        body.put("termsNotes", "<p>Template terms</p>");
        body.put("title", "QUOTE");
        body.put("automaticTaxesEnabled", false);
        body.put("estimateNumberPrefix", "Q-");
        return body;
    }

    public static Map<String, Object> toInvoice(Tenant tenant, boolean markAsInvoiced) {
        Map<String, Object> body = new LinkedHashMap<>(InvoiceBodies.alt(tenant));
        body.put("markAsInvoiced", markAsInvoiced);
        return body;
    }
}
