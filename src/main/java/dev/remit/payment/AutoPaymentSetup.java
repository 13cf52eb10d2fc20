package dev.remit.payment;

import tools.jackson.databind.JsonNode;

/**
 * The saved payment method an invoice is charged with on its due date, as the send request's
 * {@code autoPayment} stored it: references at the provider and display details, never numbers.
 *
 * @param paymentMethodId the provider's payment method (Stripe pm_...), or the older {@code cardId}
 */
public record AutoPaymentSetup(String customerId, String paymentMethodId, SavedPaymentMethod method) {

    /** What kind of method it is, with what may be shown of it. */
    public sealed interface SavedPaymentMethod {
        /** Stripe's payment_method_types value. */
        String stripeType();

        String last4();

        String label();
    }

    public record Card(String brand, String last4) implements SavedPaymentMethod {
        public String stripeType() { return "card"; }
        public String label() { return (brand == null ? "card" : brand) + " ending " + last4; }
    }

    public record UsBankAccount(String bankName, String last4) implements SavedPaymentMethod {
        public String stripeType() { return "us_bank_account"; }
        public String label() { return (bankName == null ? "bank account" : bankName) + " ending " + last4; }
    }

    public record SepaDebit(String bankCode, String last4) implements SavedPaymentMethod {
        public String stripeType() { return "sepa_debit"; }
        public String label() { return "SEPA account ending " + last4; }
    }

    public record BacsDebit(String sortCode, String last4) implements SavedPaymentMethod {
        public String stripeType() { return "bacs_debit"; }
        public String label() { return "Bacs account ending " + last4; }
    }

    public record BecsDebit(String bsbNumber, String last4) implements SavedPaymentMethod {
        public String stripeType() { return "au_becs_debit"; }
        public String label() { return "BECS account ending " + last4; }
    }

    /**
     * Reads the stored autoPayment; null when it is missing, disabled, or names no customer and
     * payment method (nothing can be charged then).
     */
    public static AutoPaymentSetup of(dev.remit.invoice.AutoPayment autoPayment) {
        return autoPayment == null ? null : from(autoPayment.details());
    }

    public static AutoPaymentSetup from(JsonNode autoPayment) {
        if (autoPayment == null || !autoPayment.isObject() || !autoPayment.path("enable").asBoolean(false)) {
            return null;
        }
        String customer = text(autoPayment, "customerId");
        String method = text(autoPayment, "paymentMethodId");
        if (method == null) {
            method = text(autoPayment, "cardId");
        }
        if (customer == null || method == null) {
            return null;
        }
        return new AutoPaymentSetup(customer, method, methodOf(autoPayment));
    }

    /**
     * The kind comes from {@code type} when it names one (the seed's request fills in every variant's
     * details, so their presence says nothing); otherwise from the first details given, card first.
     */
    private static SavedPaymentMethod methodOf(JsonNode p) {
        String type = text(p, "type");
        String kind = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
        switch (kind) {
            case "card":
                return card(p);
            case "us_bank_account":
                return usBank(p);
            case "sepa_debit", "sepa_direct_debit":
                return sepa(p);
            case "bacs_debit", "bacs_direct_debit":
                return bacs(p);
            case "au_becs_debit", "becs_debit", "becs_direct_debit":
                return becs(p);
            default:
                break;
        }
        if (p.path("card").isObject()) {
            return card(p);
        }
        if (p.path("usBankAccount").isObject()) {
            return usBank(p);
        }
        if (p.path("sepaDirectDebit").isObject()) {
            return sepa(p);
        }
        if (p.path("bacsDirectDebit").isObject()) {
            return bacs(p);
        }
        if (p.path("becsDirectDebit").isObject()) {
            return becs(p);
        }
        return card(p);
    }

    private static Card card(JsonNode p) {
        JsonNode card = p.path("card");
        return new Card(text(card, "brand"), text(card, "last4"));
    }

    private static UsBankAccount usBank(JsonNode p) {
        JsonNode b = p.path("usBankAccount");
        return new UsBankAccount(text(b, "bank_name"), text(b, "last4"));
    }

    private static SepaDebit sepa(JsonNode p) {
        JsonNode b = p.path("sepaDirectDebit");
        return new SepaDebit(text(b, "bank_code"), text(b, "last4"));
    }

    private static BacsDebit bacs(JsonNode p) {
        JsonNode b = p.path("bacsDirectDebit");
        return new BacsDebit(text(b, "sort_code"), text(b, "last4"));
    }

    private static BecsDebit becs(JsonNode p) {
        JsonNode b = p.path("becsDirectDebit");
        return new BecsDebit(text(b, "bsb_number"), text(b, "last4"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isString() || value.asString().isBlank() ? null : value.asString();
    }
}
