package dev.remit.estimate.web;

import java.math.BigDecimal;
import java.util.List;

import dev.remit.api.DateOrder;
import dev.remit.api.IsoDate;
import dev.remit.api.MongoId;
import dev.remit.api.NumberString;
import dev.remit.api.OneOf;
import dev.remit.invoice.web.AmountsInCurrency;
import dev.remit.invoice.web.CurrencyCode;
import dev.remit.invoice.web.InvoiceRequests.Attachment;
import dev.remit.invoice.web.InvoiceRequests.BusinessDetails;
import dev.remit.invoice.web.InvoiceRequests.ContactDetails;
import dev.remit.invoice.web.InvoiceRequests.DiscountBody;
import dev.remit.invoice.web.InvoiceRequests.Item;
import dev.remit.invoice.web.InvoiceRequests.ProcessingFee;
import dev.remit.invoice.web.InvoiceRequests.SentTo;
import dev.remit.invoice.web.InvoiceRequests.Tax;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * The estimate operations' bodies and queries, property for property as in the spec. The parts an
 * estimate shares with an invoice (business and contact details, sentTo, taxes, discount, charges,
 * attachments) are the invoice's own records; a line adds its {@code attachments}.
 */
final class EstimateRequests {

    private EstimateRequests() {
    }

    static final String LONGER_THAN_500 = "must be shorter than or equal to 500 characters";
    static final String LONGER_THAN_10 = "must be shorter than or equal to 10 characters";
    static final String AT_LEAST_ONE = "must contain at least 1 elements";
    static final String AT_MOST_500 = "must contain no more than 500 elements";
    static final String WHOLE = "must be a whole number of at most 18 digits";
    static final String STATUSES_ALL = "all";
    static final String[] STATUSES = {"all", "draft", "sent", "accepted", "declined", "invoiced", "viewed"};
    static final int MAX_LIMIT = 100;

    /** The parts of create and update an estimate's content is made of. */
    interface EstimateBody extends AmountsInCurrency.Priced {
        String name();
        BusinessDetails businessDetails();
        List<EstimateItem> items();
        Boolean liveMode();
        String termsNotes();
        String title();
        ContactDetails contactDetails();
        BigDecimal estimateNumber();
        String issueDate();
        String expiryDate();
        SentTo sentTo();
        Boolean automaticTaxesEnabled();
        JsonNode meta();
        SendEstimateDetails sendEstimateDetails();
        FrequencySettings frequencySettings();
        String estimateNumberPrefix();
        String userId();
        List<Attachment> attachments();
        AutoInvoicing autoInvoice();
        PaymentScheduleConfig paymentScheduleConfig();

        @Override
        default List<Item> lines() {
            return items() == null ? null : items().stream().map(item -> item == null ? null : item.asItem()).toList();
        }

        @Override
        default String linesProperty() {
            return "items";
        }
    }

    /** CreateEstimatesDto. */
    @DateOrder(first = "issueDate", then = "expiryDate")
    @AmountsInCurrency
    public record CreateEstimate(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank @Size(max = 500, message = LONGER_THAN_500) String name,
            @NotNull @Valid BusinessDetails businessDetails,
            @NotBlank @CurrencyCode String currency,
            @NotNull @Size(min = 1, message = AT_LEAST_ONE) @Size(max = 500, message = AT_MOST_500)
            List<@NotNull @Valid EstimateItem> items,
            Boolean liveMode,
            @NotNull @Valid DiscountBody discount,
            String termsNotes,
            @Size(max = 500, message = LONGER_THAN_500) String title,
            @NotNull @Valid ContactDetails contactDetails,
            @Positive @Digits(integer = 18, fraction = 0, message = WHOLE) BigDecimal estimateNumber,
            @IsoDate String issueDate,
            @IsoDate String expiryDate,
            @Valid SentTo sentTo,
            Boolean automaticTaxesEnabled,
            JsonNode meta,
            @Valid SendEstimateDetails sendEstimateDetails,
            @NotNull @Valid FrequencySettings frequencySettings,
            @Size(max = 10, message = LONGER_THAN_10) String estimateNumberPrefix,
            @MongoId String userId,
            List<@NotNull @Valid Attachment> attachments,
            @Valid AutoInvoicing autoInvoice,
            @Valid ProcessingFee miscellaneousCharges,
            @Valid PaymentScheduleConfig paymentScheduleConfig) implements EstimateBody {
    }

    /** UpdateEstimateDto: the create body and {@code estimateStatus}. */
    @DateOrder(first = "issueDate", then = "expiryDate")
    @AmountsInCurrency
    public record UpdateEstimate(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank @Size(max = 500, message = LONGER_THAN_500) String name,
            @NotNull @Valid BusinessDetails businessDetails,
            @NotBlank @CurrencyCode String currency,
            @NotNull @Size(min = 1, message = AT_LEAST_ONE) @Size(max = 500, message = AT_MOST_500)
            List<@NotNull @Valid EstimateItem> items,
            Boolean liveMode,
            @NotNull @Valid DiscountBody discount,
            String termsNotes,
            @Size(max = 500, message = LONGER_THAN_500) String title,
            @NotNull @Valid ContactDetails contactDetails,
            @Positive @Digits(integer = 18, fraction = 0, message = WHOLE) BigDecimal estimateNumber,
            @IsoDate String issueDate,
            @IsoDate String expiryDate,
            @Valid SentTo sentTo,
            Boolean automaticTaxesEnabled,
            JsonNode meta,
            @Valid SendEstimateDetails sendEstimateDetails,
            @NotNull @Valid FrequencySettings frequencySettings,
            @Size(max = 10, message = LONGER_THAN_10) String estimateNumberPrefix,
            @MongoId String userId,
            List<@NotNull @Valid Attachment> attachments,
            @Valid AutoInvoicing autoInvoice,
            @Valid ProcessingFee miscellaneousCharges,
            @Valid PaymentScheduleConfig paymentScheduleConfig,
            @OneOf({"all", "draft", "sent", "accepted", "declined", "invoiced", "viewed"}) String estimateStatus)
            implements EstimateBody {
    }

    /** EstimateLineItemDto: an invoice's line and its attachments. */
    public record EstimateItem(
            @NotBlank String name,
            String description,
            String productId,
            String priceId,
            @NotBlank String currency,
            @NotNull @PositiveOrZero @DecimalMax("1000000000") BigDecimal amount,
            @NotNull @Positive @DecimalMax("1000000") @Digits(integer = 20, fraction = 4, message = "must have at most 4 decimal places")
            BigDecimal qty,
            List<@NotNull @Valid Tax> taxes,
            String automaticTaxCategoryId,
            Boolean isSetupFeeItem,
            @OneOf({"one_time", "recurring"}) String type,
            Boolean taxInclusive,
            List<@NotNull String> attachments) {

        Item asItem() {
            return new Item(name, description, productId, priceId, currency, amount, qty, taxes, automaticTaxCategoryId,
                    isSetupFeeItem, type, taxInclusive);
        }
    }

    /** SendEstimateDto, as create and update carry it (kept as sent). */
    public record SendEstimateDetails(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotNull @OneOf({"sms_and_email", "send_manually", "email", "sms"}) String action,
            @NotNull Boolean liveMode,
            @NotBlank @MongoId String userId,
            @Valid SentFrom sentFrom,
            @Size(max = 500, message = LONGER_THAN_500) String estimateName) {
    }

    /** InvoiceSettingsSenderConfigurationDto, as SendEstimateDto carries it. */
    public record SentFrom(String fromName, @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$") String fromEmail) {
    }

    /** FrequencySettingsDto: {@code schedule} is ScheduleOptionsDto, kept as sent. */
    public record FrequencySettings(@NotNull Boolean enabled, @NotNull JsonNode schedule) {
    }

    /** AutoInvoicingDto. */
    public record AutoInvoicing(@NotNull Boolean enabled, Boolean directPayments) {
    }

    /** PaymentScheduleConfigDto (kept as sent). */
    public record PaymentScheduleConfig(
            @NotNull @OneOf({"fixed", "percentage"}) String type,
            @NotNull @Valid DateConfig dateConfig,
            @NotNull List<JsonNode> schedules) {
    }

    public record DateConfig(
            @NotNull @OneOf({"estimate_accepted", "custom"}) String depositDateType,
            @NotNull @OneOf({"regular_interval", "custom"}) String scheduleDateType) {
    }

    /** CreateInvoiceFromEstimateDto. */
    public record CreateInvoiceFromEstimate(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotNull Boolean markAsInvoiced,
            @OneOf({"v1", "v2"}) String version) {
    }

    /** EstimateIdParam. */
    public record EstimateIdParam(@NotBlank @MongoId String estimateId) {
    }

    /** AltDto. */
    public record Alt(@NotBlank @MongoId String altId, @NotNull @OneOf("location") String altType) {
    }

    /** list-estimates' query. */
    @DateOrder(first = "startAt", then = "endAt")
    public record ListQuery(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @IsoDate String startAt,
            @IsoDate String endAt,
            String search,
            @OneOf({"all", "draft", "sent", "accepted", "declined", "invoiced", "viewed"}) String status,
            @Size(max = 64, message = "must be shorter than or equal to 64 characters") String contactId,
            @NotBlank @NumberString(min = 1, max = MAX_LIMIT) String limit,
            @NotBlank @NumberString String offset) {
    }

    /** EstimateTemplatesDto (create and update). */
    @AmountsInCurrency
    public record EstimateTemplateBody(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank @Size(max = 500, message = LONGER_THAN_500) String name,
            @NotNull @Valid BusinessDetails businessDetails,
            @NotBlank @CurrencyCode String currency,
            @NotNull @Size(min = 1, message = AT_LEAST_ONE) @Size(max = 500, message = AT_MOST_500)
            List<@NotNull @Valid EstimateItem> items,
            Boolean liveMode,
            @NotNull @Valid DiscountBody discount,
            String termsNotes,
            @Size(max = 500, message = LONGER_THAN_500) String title,
            Boolean automaticTaxesEnabled,
            JsonNode meta,
            @Valid SendEstimateDetails sendEstimateDetails,
            @Size(max = 10, message = LONGER_THAN_10) String estimateNumberPrefix,
            List<@NotNull @Valid Attachment> attachments,
            @Valid ProcessingFee miscellaneousCharges) implements AmountsInCurrency.Priced {

        @Override
        public List<Item> lines() {
            return items == null ? null : items.stream().map(item -> item == null ? null : item.asItem()).toList();
        }

        @Override
        public String linesProperty() {
            return "items";
        }
    }

    /** list-estimate-templates' query. */
    public record TemplateListQuery(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            String search,
            @NotBlank @NumberString(min = 1, max = MAX_LIMIT) String limit,
            @NotBlank @NumberString String offset) {
    }

    /** preview-estimate-template's query. */
    public record PreviewQuery(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank @MongoId String templateId) {
    }
}
