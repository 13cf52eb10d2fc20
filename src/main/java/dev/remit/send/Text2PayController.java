package dev.remit.send;

import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.api.DateOrder;
import dev.remit.api.HighLevelBody;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.IsoDate;
import dev.remit.api.MongoId;
import dev.remit.api.OneOf;
import dev.remit.api.UserOfLocation;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.invoice.web.AmountsInCurrency;
import dev.remit.invoice.web.CurrencyCode;
import dev.remit.invoice.web.InvoiceContents;
import dev.remit.invoice.web.InvoiceRequests;
import dev.remit.invoice.web.InvoiceResponse;
import dev.remit.tenancy.Location;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * POST /invoices/text2pay (text2pay-invoice): creates an invoice (or with {@code id} updates one)
 * and, with action {@code send}, sends it by SMS, and by email when the contact has one, in the
 * same transaction: if the send is refused (no phone number), nothing is created.
 */
@RestController
class Text2PayController {

    /** Text2PayDto: CreateInvoiceDto's properties and id, includeTermsNote, action, userId. */
    @DateOrder(first = "issueDate", then = "dueDate")
    @AmountsInCurrency
    record Text2Pay(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank String name,
            @Valid InvoiceRequests.BusinessDetails businessDetails,
            @NotBlank @CurrencyCode String currency,
            @NotNull @Size(min = 1, message = "must contain at least 1 elements")
            @Size(max = 500, message = "must contain no more than 500 elements")
            List<InvoiceRequests.@NotNull @Valid Item> items,
            @Valid InvoiceRequests.DiscountBody discount,
            String termsNotes,
            String title,
            @NotNull @Valid InvoiceRequests.ContactDetails contactDetails,
            @Pattern(regexp = "[A-Za-z0-9._/-]{1,64}", message = "must be 1 to 64 letters, digits or . _ / -")
            String invoiceNumber,
            @NotBlank @IsoDate String issueDate,
            @IsoDate String dueDate,
            @NotNull @Valid InvoiceRequests.SentTo sentTo,
            @NotNull Boolean liveMode,
            Boolean automaticTaxesEnabled,
            @Valid InvoiceRequests.PaymentSchedule paymentSchedule,
            @Valid InvoiceRequests.LateFeesConfiguration lateFeesConfiguration,
            @Valid InvoiceRequests.TipsConfiguration tipsConfiguration,
            @Size(max = 10, message = "must be shorter than or equal to 10 characters") String invoiceNumberPrefix,
            @Valid InvoiceRequests.PaymentMethods paymentMethods,
            List<InvoiceRequests.@NotNull @Valid Attachment> attachments,
            @Valid InvoiceRequests.ProcessingFee miscellaneousCharges,
            @MongoId String id,
            Boolean includeTermsNote,
            @NotNull @OneOf({"draft", "send"}) String action,
            @NotBlank @UserOfLocation String userId) implements AmountsInCurrency.Priced {

        @Override
        public List<InvoiceRequests.Item> lines() {
            return items;
        }

        @Override
        public String linesProperty() {
            return "items";
        }
    }

    record Text2PayResponse(InvoiceResponse invoice, String invoiceUrl) {
    }

    private final InvoiceService invoices;
    private final InvoiceSettingsService settings;
    private final SendInvoiceService sender;
    private final InvoiceContents contents;
    private final TransactionTemplate transaction;

    Text2PayController(InvoiceService invoices, InvoiceSettingsService settings, SendInvoiceService sender,
            InvoiceContents contents, TransactionTemplate transaction) {
        this.invoices = invoices;
        this.settings = settings;
        this.sender = sender;
        this.contents = contents;
        this.transaction = transaction;
    }

    @PostMapping("/invoices/text2pay")
    @HighLevelOperation("text2pay-invoice")
    Text2PayResponse text2pay(@HighLevelBody Text2Pay body, Location location) {
        Invoice invoice = transaction.execute(status -> {
            Invoice saved = body.id() == null
                    ? invoices.create(location.id(), contents.fromCreate(asCreate(body), location,
                            settings.effective(location)), body.invoiceNumber())
                    : invoices.revise(location.id(), body.id(), current -> contents.fromUpdate(asUpdate(body),
                            body.sentTo(), body.lateFeesConfiguration(), current.content(), location));
            if ("send".equals(body.action())) {
                boolean email = saved.content().contactText("email") != null;
                SendInvoiceService.Command command = new SendInvoiceService.Command(
                        email ? SendInvoiceService.Action.SMS_AND_EMAIL : SendInvoiceService.Action.SMS,
                        body.liveMode(), null, null, null);
                saved = sender.sendNow(location, saved.id(), command).invoice();
            }
            return saved;
        });
        return new Text2PayResponse(InvoiceResponse.of(invoice), sender.publicUrl(invoice));
    }

    private static InvoiceRequests.CreateInvoice asCreate(Text2Pay r) {
        return new InvoiceRequests.CreateInvoice(r.altId(), r.altType(), r.name(), r.businessDetails(), r.currency(), r.items(),
                r.discount() == null ? new InvoiceRequests.DiscountBody(java.math.BigDecimal.ZERO, "percentage", null) : r.discount(),
                r.termsNotes(), r.title(), r.contactDetails(), r.invoiceNumber(), r.issueDate(), r.dueDate(), r.sentTo(),
                r.liveMode(), r.automaticTaxesEnabled(), r.paymentSchedule(), r.lateFeesConfiguration(), r.tipsConfiguration(),
                r.invoiceNumberPrefix(), r.paymentMethods(), r.attachments(), r.miscellaneousCharges(), null);
    }

    private static InvoiceRequests.UpdateInvoice asUpdate(Text2Pay r) {
        return new InvoiceRequests.UpdateInvoice(r.altId(), r.altType(), r.name(), r.title(), r.currency(), null,
                r.businessDetails(),
                r.invoiceNumber(), null, r.contactDetails(), r.termsNotes(), r.discount(), r.items(), r.automaticTaxesEnabled(),
                r.liveMode(), r.issueDate(), r.dueDate() == null ? r.issueDate() : r.dueDate(), r.paymentSchedule(),
                r.tipsConfiguration(), null, r.invoiceNumberPrefix(), r.paymentMethods(), r.attachments(),
                r.miscellaneousCharges(), null);
    }
}
