package dev.remit.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid bodies of the schedule operations, as a HighLevel client sends them. */
public final class ScheduleBodies {

    private ScheduleBodies() {
    }

    /** A monthly rrule on a day of the month at 09:00 local time. */
    public static Map<String, Object> monthly(String startDate, int dayOfMonth) {
        Map<String, Object> rrule = new LinkedHashMap<>();
        rrule.put("intervalType", "monthly");
        rrule.put("interval", 1);
        rrule.put("startDate", startDate);
        rrule.put("startTime", "09:00");
        rrule.put("dayOfMonth", dayOfMonth);
        return rrule;
    }

    public static Map<String, Object> create(Tenant tenant, Map<String, Object> rrule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("altId", tenant.locationId());
        body.put("altType", "location");
        body.put("name", "Monthly retainer");
        body.put("contactDetails", InvoiceBodies.contact());
        body.put("schedule", new LinkedHashMap<>(Map.of("rrule", rrule)));
        body.put("liveMode", false);
        body.put("businessDetails", new LinkedHashMap<>(Map.of("name", "Acme Plumbing")));
        body.put("currency", "USD");
        body.put("items", List.of(InvoiceBodies.item("Retainer", 250, 2)));
        body.put("discount", new LinkedHashMap<>(Map.of("type", "percentage", "value", 0)));
        body.put("termsNotes", "Due on receipt");
        body.put("title", "INVOICE");
        return body;
    }

    public static Map<String, Object> create(Tenant tenant) {
        return create(tenant, monthly("2031-04-01", 1));
    }

    public static Map<String, Object> schedule(Tenant tenant, boolean liveMode) {
        Map<String, Object> body = new LinkedHashMap<>(InvoiceBodies.alt(tenant));
        body.put("liveMode", liveMode);
        return body;
    }

    public static Map<String, Object> autoPayment(Tenant tenant, String scheduleId, boolean enable) {
        Map<String, Object> body = new LinkedHashMap<>(InvoiceBodies.alt(tenant));
        body.put("id", scheduleId);
        body.put("autoPayment", card(enable));
        return body;
    }

    public static Map<String, Object> card(boolean enable) {
        Map<String, Object> auto = new LinkedHashMap<>();
        auto.put("enable", enable);
        if (enable) {
            auto.put("type", "card");
            auto.put("paymentMethodId", "pm_1");
            auto.put("customerId", "cus_1");
            auto.put("card", new LinkedHashMap<>(Map.of("brand", "visa", "last4", "4242")));
        }
        return auto;
    }
}
