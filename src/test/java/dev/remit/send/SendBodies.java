package dev.remit.send;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.remit.support.Tenant;

final class SendBodies {

    private SendBodies() {
    }

    /** A create-invoice body: one item of 1,250.00 USD, to the contact's email and phone. */
    static Map<String, Object> invoice(Tenant tenant, String email, String phone) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", "c6tZZU0rJBf30ZXx9Gli");
        contact.put("name", "Pat Customer");
        contact.put("phoneNo", phone == null ? "" : phone);
        contact.put("email", email);
        contact.put("address", Map.of("countryCode", "US"));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", "Water heater repair");
        item.put("currency", "USD");
        item.put("amount", 1250);
        item.put("qty", 1);
        item.put("taxes", new ArrayList<>());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("name", "Repair");
        body.put("businessDetails", Map.of("name", "Acme Plumbing", "phoneNo", "+1-214-559-6993", "website", "www.example.com"));
        body.put("currency", "USD");
        body.put("items", List.of(item));
        body.put("discount", Map.of("type", "percentage", "value", 0));
        body.put("contactDetails", contact);
        body.put("issueDate", "2026-11-24");
        body.put("dueDate", "2026-12-24");
        body.put("sentTo", Map.of("email", List.of(email)));
        body.put("liveMode", true);
        return body;
    }
}
