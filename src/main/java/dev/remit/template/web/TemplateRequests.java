package dev.remit.template.web;

import java.util.List;

import dev.remit.api.DateOrder;
import dev.remit.api.IsoDate;
import dev.remit.api.MongoId;
import dev.remit.api.NumberString;
import dev.remit.api.OneOf;
import dev.remit.invoice.web.AmountsInCurrency;
import dev.remit.invoice.web.CurrencyCode;
import dev.remit.invoice.web.InvoiceRequests.BusinessDetails;
import dev.remit.invoice.web.InvoiceRequests.DiscountBody;
import dev.remit.invoice.web.InvoiceRequests.Item;
import dev.remit.invoice.web.InvoiceRequests.LateFeesConfiguration;
import dev.remit.invoice.web.ReminderRequests;
import dev.remit.invoice.web.InvoiceRequests.PaymentMethods;
import dev.remit.invoice.web.InvoiceRequests.ProcessingFee;
import dev.remit.invoice.web.InvoiceRequests.TipsConfiguration;
import dev.remit.latefee.LateFeeLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The template operations' bodies and query, property for property as in the spec. */
final class TemplateRequests {

    private TemplateRequests() {
    }

    static final String LONGER_THAN_500 = "must be shorter than or equal to 500 characters";
    static final String AT_LEAST_ONE = "must contain at least 1 elements";
    static final String AT_MOST_500 = "must contain no more than 500 elements";

    /** CreateInvoiceTemplateDto. */
    @AmountsInCurrency
    public record CreateTemplate(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            Boolean internal,
            @NotBlank @Size(max = 500, message = LONGER_THAN_500) String name,
            @NotNull @Valid BusinessDetails businessDetails,
            @NotBlank @CurrencyCode String currency,
            @NotNull @Size(min = 1, message = AT_LEAST_ONE) @Size(max = 500, message = AT_MOST_500)
            List<@NotNull @Valid Item> items,
            Boolean automaticTaxesEnabled,
            @Valid DiscountBody discount,
            String termsNotes,
            @Size(max = 500, message = LONGER_THAN_500) String title,
            @Valid TipsConfiguration tipsConfiguration,
            @Valid @LateFeeLimits LateFeesConfiguration lateFeesConfiguration,
            @Size(max = 10, message = "must be shorter than or equal to 10 characters") String invoiceNumberPrefix,
            @Valid PaymentMethods paymentMethods,
            List<@NotNull String> attachments,
            @Valid ProcessingFee miscellaneousCharges,
            @Valid ReminderRequests.RemindersConfiguration remindersConfiguration) implements AmountsInCurrency.Priced {

        @Override
        public List<Item> lines() {
            return items;
        }

        @Override
        public String linesProperty() {
            return "items";
        }
    }

    /** UpdateInvoiceTemplateDto: late fees, payment methods and tips have operations (or create) of their own. */
    @AmountsInCurrency
    public record UpdateTemplate(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            Boolean internal,
            @NotBlank @Size(max = 500, message = LONGER_THAN_500) String name,
            @NotNull @Valid BusinessDetails businessDetails,
            @NotBlank @CurrencyCode String currency,
            @NotNull @Size(min = 1, message = AT_LEAST_ONE) @Size(max = 500, message = AT_MOST_500)
            List<@NotNull @Valid Item> items,
            @Valid DiscountBody discount,
            String termsNotes,
            @Size(max = 500, message = LONGER_THAN_500) String title,
            @Valid ProcessingFee miscellaneousCharges,
            @Valid ReminderRequests.RemindersConfiguration remindersConfiguration) implements AmountsInCurrency.Priced {

        @Override
        public List<Item> lines() {
            return items;
        }

        @Override
        public String linesProperty() {
            return "items";
        }
    }

    /** UpdateInvoiceLateFeesConfigurationDto. */
    public record UpdateLateFees(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotNull @Valid @LateFeeLimits LateFeesConfiguration lateFeesConfiguration) {
    }

    /** UpdatePaymentMethodsConfigurationDto. */
    public record UpdatePaymentMethods(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @Valid PaymentMethods paymentMethods) {
    }

    /** list-invoice-templates' query. */
    @DateOrder(first = "startAt", then = "endAt")
    public record ListQuery(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            String status,
            @IsoDate String startAt,
            @IsoDate String endAt,
            String search,
            @OneOf({"default", "live", "test"}) String paymentMode,
            @NotBlank @NumberString(min = 1, max = 100) String limit,
            @NotBlank @NumberString String offset) {
    }
}
