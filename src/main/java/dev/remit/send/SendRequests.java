package dev.remit.send;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.remit.api.Last4;
import dev.remit.api.MongoId;
import dev.remit.api.OneOf;
import dev.remit.api.UserOfLocation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.JsonNode;

/** The body of POST /invoices/{invoiceId}/send, property for property as the spec's SendInvoiceDto. */
final class SendRequests {

    private SendRequests() {
    }

    static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    record SendInvoice(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank @UserOfLocation String userId,
            @NotNull @OneOf({"sms_and_email", "send_manually", "email", "sms"}) String action,
            @NotNull Boolean liveMode,
            @Valid SentFrom sentFrom,
            @Valid AutoPayment autoPayment) {
    }

    /** The body of POST /invoices/estimate/{estimateId}/send, property for property as the spec's SendEstimateDto. */
    record SendEstimate(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotNull @OneOf({"sms_and_email", "send_manually", "email", "sms"}) String action,
            @NotNull Boolean liveMode,
            @NotBlank @UserOfLocation String userId,
            @Valid SentFrom sentFrom,
            @jakarta.validation.constraints.Size(max = 500) String estimateName) {
    }

    record SentFrom(String fromName, @Email(regexp = EMAIL) String fromEmail) {
    }

    record AutoPayment(
            @NotNull Boolean enable,
            String type,
            String paymentMethodId,
            String customerId,
            @Valid Card card,
            @Valid UsBankAccount usBankAccount,
            @Valid SepaDirectDebit sepaDirectDebit,
            @Valid BacsDirectDebit bacsDirectDebit,
            @Valid BecsDirectDebit becsDirectDebit,
            String cardId,
            JsonNode provider) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "AutoPaymentCard")
    record Card(@NotNull String brand, @NotNull @Last4 String last4) {
    }

    record UsBankAccount(@JsonProperty("bank_name") String bankName,
            @Last4 String last4) {
    }

    record SepaDirectDebit(@JsonProperty("bank_code") String bankCode,
            @Last4 String last4,
            @JsonProperty("branch_code") String branchCode) {
    }

    record BacsDirectDebit(@JsonProperty("sort_code") String sortCode,
            @Last4 String last4) {
    }

    record BecsDirectDebit(@JsonProperty("bsb_number") String bsbNumber,
            @Last4 String last4) {
    }
}
