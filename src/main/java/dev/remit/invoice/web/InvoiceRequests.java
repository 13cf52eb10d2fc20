package dev.remit.invoice.web;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.modulith.NamedInterface;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.remit.api.DateOrder;
import dev.remit.api.IsoDate;
import dev.remit.api.Last4;
import dev.remit.api.MongoId;
import dev.remit.api.NumberString;
import dev.remit.api.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** The request bodies and queries of the invoice operations, property for property as in the spec; text2pay takes the same. */
@NamedInterface("web")
public final class InvoiceRequests {

    private InvoiceRequests() {
    }

    static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    static final String LONGER_THAN_500 = "must be shorter than or equal to 500 characters";
    static final String LONGER_THAN_64 = "must be shorter than or equal to 64 characters";
    static final String LONGER_THAN_320 = "must be shorter than or equal to 320 characters";
    static final String LONGER_THAN_10 = "must be shorter than or equal to 10 characters";
    static final String AT_LEAST_ONE = "must contain at least 1 elements";
    static final int MAX_ITEMS = 500;
    static final String AT_MOST_500 = "must contain no more than 500 elements";
    static final String MAX_AMOUNT = "1000000000";
    static final String MAX_QTY = "1000000";
    static final String NUMBER = "[A-Za-z0-9._/-]{1,64}";
    static final String NUMBER_MESSAGE = "must be 1 to 64 letters, digits or . _ / -";
    /** The most invoices one page of list-invoices holds. */
    public static final int MAX_LIMIT = 100;

    @DateOrder(first = "issueDate", then = "dueDate")
    @AmountsInCurrency
    public record CreateInvoice(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank @Size(max = 500, message = LONGER_THAN_500) String name,
            @NotNull @Valid BusinessDetails businessDetails,
            @NotBlank @CurrencyCode String currency,
            @NotNull @Size(min = 1, message = AT_LEAST_ONE) @Size(max = MAX_ITEMS, message = AT_MOST_500)
            List<@NotNull @Valid Item> items,
            @NotNull @Valid DiscountBody discount,
            String termsNotes,
            String title,
            @NotNull @Valid ContactDetails contactDetails,
            @Pattern(regexp = NUMBER, message = NUMBER_MESSAGE) String invoiceNumber,
            @NotBlank @IsoDate String issueDate,
            @IsoDate String dueDate,
            @NotNull @Valid SentTo sentTo,
            @NotNull Boolean liveMode,
            Boolean automaticTaxesEnabled,
            @Valid PaymentSchedule paymentSchedule,
            @Valid LateFeesConfiguration lateFeesConfiguration,
            @Valid TipsConfiguration tipsConfiguration,
            @Size(max = 10, message = LONGER_THAN_10) String invoiceNumberPrefix,
            @Valid PaymentMethods paymentMethods,
            List<@NotNull @Valid Attachment> attachments,
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

    @DateOrder(first = "issueDate", then = "dueDate")
    @AmountsInCurrency
    public record UpdateInvoice(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank @Size(max = 500, message = LONGER_THAN_500) String name,
            String title,
            @NotBlank @CurrencyCode String currency,
            String description,
            @Valid BusinessDetails businessDetails,
            String invoiceNumber,
            @Size(max = 64, message = LONGER_THAN_64) String contactId,
            @Valid ContactDetails contactDetails,
            String termsNotes,
            @Valid DiscountBody discount,
            @NotNull @Size(min = 1, message = AT_LEAST_ONE) @Size(max = MAX_ITEMS, message = AT_MOST_500)
            List<@NotNull @Valid Item> invoiceItems,
            Boolean automaticTaxesEnabled,
            Boolean liveMode,
            @NotBlank @IsoDate String issueDate,
            @NotBlank @IsoDate String dueDate,
            @Valid PaymentSchedule paymentSchedule,
            @Valid TipsConfiguration tipsConfiguration,
            JsonNode xeroDetails,
            @Size(max = 10, message = LONGER_THAN_10) String invoiceNumberPrefix,
            @Valid PaymentMethods paymentMethods,
            List<@NotNull @Valid Attachment> attachments,
            @Valid ProcessingFee miscellaneousCharges,
            @Valid ReminderRequests.RemindersConfiguration remindersConfiguration) implements AmountsInCurrency.Priced {

        @Override
        public List<Item> lines() {
            return invoiceItems;
        }

        @Override
        public String linesProperty() {
            return "invoiceItems";
        }
    }

    public record Item(
            @NotBlank String name,
            String description,
            String productId,
            String priceId,
            @NotBlank String currency,
            @NotNull @PositiveOrZero @DecimalMax(MAX_AMOUNT) BigDecimal amount,
            @NotNull @Positive @DecimalMax(MAX_QTY) @Digits(integer = 20, fraction = 4, message = "must have at most 4 decimal places")
            BigDecimal qty,
            List<@NotNull @Valid Tax> taxes,
            String automaticTaxCategoryId,
            Boolean isSetupFeeItem,
            @OneOf({"one_time", "recurring"}) String type,
            Boolean taxInclusive) {
    }

    public record Tax(
            @JsonProperty("_id") @NotBlank String id,
            @NotBlank String name,
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal rate,
            @OneOf("exclusive") String calculation,
            String description,
            String taxId) {
    }

    public record DiscountBody(
            @PositiveOrZero BigDecimal value,
            @NotNull @OneOf({"percentage", "fixed"}) String type,
            List<@NotBlank String> validOnProductIds) {
    }

    public record BusinessDetails(
            String logoUrl,
            String name,
            @PhoneNumber String phoneNo,
            @Valid Address address,
            String website,
            List<String> customValues) {
    }

    public record ContactDetails(
            @NotBlank @Size(max = 64, message = LONGER_THAN_64) String id,
            @NotBlank @Size(max = 500, message = LONGER_THAN_500) String name,
            @NotNull @PhoneNumber String phoneNo,
            @NotBlank @Email(regexp = EMAIL) @Size(max = 320, message = LONGER_THAN_320) String email,
            List<@NotNull @Valid AdditionalEmail> additionalEmails,
            String companyName,
            @Valid Address address,
            List<String> customFields) {
    }

    public record AdditionalEmail(@NotBlank @Email(regexp = EMAIL) String email) {
    }

    public record Address(
            String addressLine1,
            String addressLine2,
            String city,
            String state,
            String countryCode,
            String postalCode) {
    }

    public record SentTo(
            @NotNull List<@NotBlank @Email(regexp = EMAIL) String> email,
            List<@NotBlank @Email(regexp = EMAIL) String> emailCc,
            List<@NotBlank @Email(regexp = EMAIL) String> emailBcc,
            List<@NotBlank @PhoneNumber String> phoneNo) {
    }

    public record PaymentSchedule(
            @NotNull @OneOf({"fixed", "percentage"}) String type,
            @NotNull List<String> schedules) {
    }

    public record ProcessingFee(
            @NotNull List<JsonNode> charges,
            @PositiveOrZero BigDecimal collectedMiscellaneousCharges,
            List<@NotNull @Valid PaidCharge> paidCharges) {
    }

    public record PaidCharge(
            @NotBlank String name,
            @NotNull @PositiveOrZero BigDecimal charge,
            @NotNull @PositiveOrZero @DecimalMax(MAX_AMOUNT) BigDecimal amount,
            @JsonProperty("_id") @NotBlank String id) {
    }

    public record LateFeesConfiguration(
            @NotNull Boolean enable,
            @NotNull @PositiveOrZero BigDecimal value,
            @NotNull @OneOf({"fixed", "percentage"}) String type,
            @NotNull @Valid LateFeesFrequency frequency,
            @Valid LateFeesGrace grace,
            @Valid LateFeesMaxFees maxLateFees) {
    }

    public record LateFeesFrequency(
            @NotNull @PositiveOrZero BigDecimal intervalCount,
            @NotNull @OneOf({"minute", "hour", "day", "week", "month", "one_time"}) String interval) {
    }

    public record LateFeesGrace(@NotNull @PositiveOrZero BigDecimal intervalCount, @NotNull @OneOf("day") String interval) {
    }

    public record LateFeesMaxFees(@NotNull @OneOf("fixed") String type, @NotNull @PositiveOrZero BigDecimal value) {
    }

    public record TipsConfiguration(@NotNull List<@NotNull String> tipsPercentage, @NotNull Boolean tipsEnabled) {
    }

    public record PaymentMethods(@NotNull @Valid StripePaymentMethod stripe) {
    }

    public record StripePaymentMethod(@NotNull Boolean enableBankDebitOnly) {
    }

    public record Attachment(
            @NotNull String id,
            @NotNull String name,
            @NotNull String url,
            @NotNull String type,
            @NotNull @PositiveOrZero BigDecimal size) {
    }

    public record RecordPayment(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotNull @OneOf({"cash", "card", "cheque", "bank_transfer", "other"}) String mode,
            @NotNull @Valid Card card,
            @NotNull @Valid Cheque cheque,
            @NotNull String notes,
            @Positive BigDecimal amount,
            JsonNode meta,
            List<String> paymentScheduleIds,
            @IsoDate String fulfilledAt) {
    }

    public record Card(@NotNull String brand, @NotNull @Last4(emptyAllowed = true) String last4) {
    }

    public record Cheque(@NotNull String number) {
    }

    public record VoidInvoice(@NotBlank @MongoId String altId, @NotNull @OneOf("location") String altType) {
    }

    public record LastVisited(@NotBlank @MongoId String invoiceId) {
    }

    /** altId and altType in a query string. */

    @DateOrder(first = "startAt", then = "endAt")
    public record ListQuery(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @OneOf({"draft", "sent", "partially_paid", "paid", "void", "payment_processing"}) String status,
            @IsoDate String startAt,
            @IsoDate String endAt,
            String search,
            @OneOf({"default", "live", "test"}) String paymentMode,
            @Size(max = 64, message = LONGER_THAN_64) String contactId,
            @NotBlank @NumberString(min = 1, max = MAX_LIMIT) String limit,
            @NotBlank @NumberString String offset,
            @OneOf("issueDate") String sortField,
            @OneOf({"ascend", "descend"}) String sortOrder) {
    }

    /** remit's own: PUT /invoices/settings (every property optional; those sent replace the stored ones). */
    public record UpdateSettings(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @Valid SettingsBusinessDetails businessDetails,
            @Valid SenderConfiguration senderConfiguration,
            @Size(max = 10, message = "must be shorter than or equal to 10 characters") String invoiceNumberPrefix,
            @PositiveOrZero Integer dueAfterXDays,
            String termsNote,
            @Size(max = 40, message = "must be shorter than or equal to 40 characters") String title,
            @OneOf({"A4", "Letter"}) String paperSize,
            @Size(max = 2000, message = "must be shorter than or equal to 2000 characters") String paymentInstructions,
            @Valid @ReminderRequests.ReminderRules ReminderRequests.ReminderSettings reminderSettings) {
    }

    public record SettingsBusinessDetails(
            String logoUrl,
            @NotBlank String name,
            String phoneNo,
            @Valid Address address,
            String website,
            List<String> customValues) {
    }

    public record SenderConfiguration(String fromName, @Email(regexp = EMAIL) String fromEmail) {
    }
}
