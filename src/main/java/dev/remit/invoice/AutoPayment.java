package dev.remit.invoice;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A send request's {@code autoPayment}: whether to charge the invoice on its due date, whom and with
 * which saved payment method. {@code details} is the object as sent (type, card, bank account details)
 * and is what the invoice stores when {@code enable} is true.
 *
 * @param paymentMethodId the provider's payment method, or the older {@code cardId} when that is all that was sent
 */
public record AutoPayment(boolean enable, String customerId, String paymentMethodId, String type, JsonNode details) {

    /** The typed value of a request's {@code autoPayment}; null when there is none. */
    public static AutoPayment of(JsonNode autoPayment) {
        if (autoPayment == null || autoPayment.isNull() || autoPayment.isMissingNode()) {
            return null;
        }
        String method = text(autoPayment, "paymentMethodId");
        return new AutoPayment(autoPayment.path("enable").asBoolean(false), text(autoPayment, "customerId"),
                method == null ? text(autoPayment, "cardId") : method, text(autoPayment, "type"), autoPayment.deepCopy());
    }

    /**
     * What an enabled auto-payment lacks to name something to charge (the customer and the payment
     * method), as 422 messages; empty when complete or not enabled.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (enable && customerId == null) {
            problems.add("autoPayment.customerId should not be empty when autoPayment.enable is true");
        }
        if (enable && paymentMethodId == null) {
            problems.add("autoPayment.paymentMethodId should not be empty when autoPayment.enable is true");
        }
        return problems;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() || value.asString().isBlank() ? null : value.asString();
    }
}
