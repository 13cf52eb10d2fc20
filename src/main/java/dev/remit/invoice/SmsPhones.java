package dev.remit.invoice;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The invoice's phone numbers in E.164, for sending SMS and for search; contactDetails and sentTo
 * keep them as the client wrote them.
 *
 * @param contact contactDetails.phoneNo in E.164, null when there is none
 * @param sentTo  sentTo.phoneNo in E.164, in order
 */
public record SmsPhones(String contact, List<String> sentTo) {

    public SmsPhones {
        sentTo = sentTo == null ? List.of() : List.copyOf(sentTo);
    }

    /** The numbers as they stand in the details (invoices stored before the details kept what was sent hold E.164 there). */
    static SmsPhones asWritten(JsonNode contactDetails, JsonNode sentTo) {
        JsonNode phone = contactDetails == null ? null : contactDetails.get("phoneNo");
        String contact = phone == null || !phone.isString() || phone.asString().isEmpty() ? null : phone.asString();
        List<String> others = new ArrayList<>();
        if (sentTo != null) {
            for (JsonNode each : sentTo.path("phoneNo")) {
                if (each.isString()) {
                    others.add(each.asString());
                }
            }
        }
        return new SmsPhones(contact, others);
    }
}
