package dev.remit.schedule.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.remit.api.DateOrder;
import dev.remit.api.IsoDate;
import dev.remit.api.NumberString;
import dev.remit.api.Last4;
import dev.remit.api.MongoId;
import dev.remit.api.OneOf;
import dev.remit.invoice.web.AmountsInCurrency;
import dev.remit.invoice.web.CurrencyCode;
import dev.remit.invoice.web.InvoiceRequests.Attachment;
import dev.remit.invoice.web.InvoiceRequests.BusinessDetails;
import dev.remit.invoice.web.InvoiceRequests.ContactDetails;
import dev.remit.invoice.web.InvoiceRequests.DiscountBody;
import dev.remit.invoice.web.InvoiceRequests.Item;
import dev.remit.invoice.web.InvoiceRequests.LateFeesConfiguration;
import dev.remit.invoice.web.InvoiceRequests.PaymentMethods;
import dev.remit.invoice.web.InvoiceRequests.ProcessingFee;
import dev.remit.invoice.web.InvoiceRequests.TipsConfiguration;
import dev.remit.invoice.web.ReminderRequests;
import dev.remit.schedule.ScheduleOptions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** The request bodies and queries of the schedule operations, property for property as in the spec. */
final class ScheduleRequests {

    private ScheduleRequests() {
    }

    static final String LONGER_THAN_500 = "must be shorter than or equal to 500 characters";

    /**
     * CreateInvoiceScheduleDto, and remit's {@code remindersConfiguration} as on create-invoice (each
     * generated invoice carries it; without it the location's reminder settings apply).
     */
    @AmountsInCurrency
    record CreateSchedule(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank @Size(max = 500, message = LONGER_THAN_500) String name,
            @NotNull @Valid ContactDetails contactDetails,
            @NotNull @Valid ScheduleOptions schedule,
            @NotNull Boolean liveMode,
            @NotNull @Valid BusinessDetails businessDetails,
            @NotBlank @CurrencyCode String currency,
            @NotNull @Size(min = 1, message = "must contain at least 1 elements") List<@NotNull @Valid Item> items,
            Boolean automaticTaxesEnabled,
            @NotNull @Valid DiscountBody discount,
            String termsNotes,
            String title,
            @Valid TipsConfiguration tipsConfiguration,
            @Valid LateFeesConfiguration lateFeesConfiguration,
            String invoiceNumberPrefix,
            @Valid PaymentMethods paymentMethods,
            List<@NotNull @Valid Attachment> attachments,
            @Valid ProcessingFee miscellaneousCharges,
            @Valid ReminderRequests.RemindersConfiguration remindersConfiguration)
            implements AmountsInCurrency.Priced, ScheduleBody {

        @Override
        public List<Item> lines() {
            return items;
        }

        @Override
        public String linesProperty() {
            return "items";
        }
    }

    /** UpdateInvoiceScheduleDto, and remit's {@code remindersConfiguration} (left out: the stored one stays). */
    @AmountsInCurrency
    record UpdateSchedule(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank @Size(max = 500, message = LONGER_THAN_500) String name,
            @NotNull @Valid ContactDetails contactDetails,
            @NotNull @Valid ScheduleOptions schedule,
            @NotNull Boolean liveMode,
            @NotNull @Valid BusinessDetails businessDetails,
            @NotBlank @CurrencyCode String currency,
            @NotNull @Size(min = 1, message = "must contain at least 1 elements") List<@NotNull @Valid Item> items,
            @NotNull @Valid DiscountBody discount,
            String termsNotes,
            String title,
            List<@NotNull @Valid Attachment> attachments,
            @Valid ProcessingFee miscellaneousCharges,
            @Valid ReminderRequests.RemindersConfiguration remindersConfiguration)
            implements AmountsInCurrency.Priced, ScheduleBody {

        @Override
        public List<Item> lines() {
            return items;
        }

        @Override
        public String linesProperty() {
            return "items";
        }
    }

    /** What create and update share: a schedule's timing and its liveMode. */
    interface ScheduleBody {
        ScheduleOptions schedule();

        Boolean liveMode();
    }

    /** ScheduleInvoiceScheduleDto. */
    record ScheduleSchedule(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotNull Boolean liveMode,
            @Valid AutoPayment autoPayment) {
    }

    /** AutoPaymentScheduleDto. */
    record AutoPaymentSchedule(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank String id,
            @NotNull @Valid AutoPayment autoPayment) {
    }

    /** CancelInvoiceScheduleDto. */
    record CancelSchedule(@NotBlank @MongoId String altId, @NotNull @OneOf("location") String altType) {
    }

    @DateOrder(first = "startAt", then = "endAt")
    record ListQuery(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @OneOf({"draft", "active", "completed", "cancelled"}) String status,
            @IsoDate String startAt,
            @IsoDate String endAt,
            String search,
            @OneOf({"default", "live", "test"}) String paymentMode,
            @NotBlank @NumberString(min = 1, max = 100) String limit,
            @NotBlank @NumberString String offset) {
    }

    /** AutoPaymentDetailsDto: references and display details only. */
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

    record Card(@NotNull String brand, @NotNull @Last4 String last4) {
    }

    record UsBankAccount(@JsonProperty("bank_name") String bankName, @Last4 String last4) {
    }

    record SepaDirectDebit(@JsonProperty("bank_code") String bankCode, @Last4 String last4,
            @JsonProperty("branch_code") String branchCode) {
    }

    record BacsDirectDebit(@JsonProperty("sort_code") String sortCode, @Last4 String last4) {
    }

    record BecsDirectDebit(@JsonProperty("bsb_number") String bsbNumber, @Last4 String last4) {
    }
}
