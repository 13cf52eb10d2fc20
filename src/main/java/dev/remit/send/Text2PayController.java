package dev.remit.send;

import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.api.HighLevelOperation;
import dev.remit.api.IsoDate;
import dev.remit.api.LocationAccess;
import dev.remit.api.MongoId;
import dev.remit.api.OneOf;
import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.invoice.Invoice;
import dev.remit.invoice.InvoiceContent;
import dev.remit.invoice.InvoiceService;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.invoice.web.InvoiceMapper;
import dev.remit.invoice.web.InvoiceRequests;
import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /invoices/text2pay (text2pay-invoice): creates an invoice (or with {@code id} updates one)
 * and, with action {@code send}, sends it by SMS, and by email when the contact has one, in the
 * same transaction: if the send is refused (no phone number), nothing is created.
 */
@RestController
class Text2PayController {

    /** Text2PayDto: CreateInvoiceDto's properties and id, includeTermsNote, action, userId. */
    record Text2Pay(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotBlank String name,
            @Valid InvoiceRequests.BusinessDetails businessDetails,
            @NotBlank String currency,
            @NotNull @Size(min = 1, message = "must contain at least 1 elements") List<InvoiceRequests.@NotNull @Valid Item> items,
            @Valid InvoiceRequests.DiscountBody discount,
            String termsNotes,
            String title,
            @NotNull @Valid InvoiceRequests.ContactDetails contactDetails,
            String invoiceNumber,
            @NotBlank @IsoDate String issueDate,
            @IsoDate String dueDate,
            @NotNull @Valid InvoiceRequests.SentTo sentTo,
            @NotNull Boolean liveMode,
            Boolean automaticTaxesEnabled,
            @Valid InvoiceRequests.PaymentSchedule paymentSchedule,
            @Valid InvoiceRequests.LateFeesConfiguration lateFeesConfiguration,
            @Valid InvoiceRequests.TipsConfiguration tipsConfiguration,
            String invoiceNumberPrefix,
            @Valid InvoiceRequests.PaymentMethods paymentMethods,
            List<InvoiceRequests.@NotNull @Valid Attachment> attachments,
            @Valid InvoiceRequests.ProcessingFee miscellaneousCharges,
            @MongoId String id,
            Boolean includeTermsNote,
            @NotNull @OneOf({"draft", "send"}) String action,
            @NotBlank String userId) {
    }

    private final InvoiceService invoices;
    private final InvoiceSettingsService settings;
    private final SendInvoiceService sender;
    private final InvoiceMapper mapper;
    private final RequestBinder binder;
    private final LocationAccess access;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    Text2PayController(InvoiceService invoices, InvoiceSettingsService settings, SendInvoiceService sender,
            InvoiceMapper mapper, RequestBinder binder, LocationAccess access, TransactionTemplate transaction,
            ObjectMapper json) {
        this.invoices = invoices;
        this.settings = settings;
        this.sender = sender;
        this.mapper = mapper;
        this.binder = binder;
        this.access = access;
        this.transaction = transaction;
        this.json = json;
    }

    @PostMapping("/invoices/text2pay")
    @HighLevelOperation("text2pay-invoice")
    ObjectNode text2pay(Caller caller, @RequestBody JsonNode body) {
        JsonNode altId = body == null ? null : body.get("altId");
        access.requireIfPresent(caller, altId != null && altId.isString() ? altId.asString() : null);
        Violations violations = new Violations();
        Text2Pay request = binder.bind(body, Text2Pay.class, violations);
        if (request.altId() == null || !Ids.isValid(request.altId())) {
            violations.throwIfAny();
        }
        access.checkUser(request.userId(), request.altId(), violations);
        Location location = access.location(request.altId());

        Invoice invoice = transaction.execute(status -> {
            Invoice saved;
            if (request.id() == null) {
                InvoiceContent content = mapper.fromCreate(asCreate(request), location, settings.effective(location), violations);
                saved = invoices.create(location.id(), content, request.invoiceNumber());
            } else {
                saved = invoices.revise(location.id(), request.id(), current -> {
                    Violations again = new Violations();
                    violations.messages().forEach(again::addMessage);
                    return mapper.fromUpdate(asUpdate(request), request.sentTo(), request.lateFeesConfiguration(),
                            current.content(), location, again);
                });
            }
            if ("send".equals(request.action())) {
                boolean email = saved.content().contactText("email") != null;
                SendInvoiceService.Command command = new SendInvoiceService.Command(
                        email ? SendInvoiceService.Action.SMS_AND_EMAIL : SendInvoiceService.Action.SMS,
                        request.liveMode(), null, null, null);
                saved = sender.sendNow(location, saved.id(), command).invoice();
            }
            return saved;
        });
        ObjectNode answer = json.createObjectNode();
        answer.set("invoice", mapper.view(invoice, false));
        answer.put("invoiceUrl", sender.publicUrl(invoice));
        return answer;
    }

    private static InvoiceRequests.CreateInvoice asCreate(Text2Pay r) {
        return new InvoiceRequests.CreateInvoice(r.altId(), r.altType(), r.name(), r.businessDetails(), r.currency(), r.items(),
                r.discount() == null ? new InvoiceRequests.DiscountBody(java.math.BigDecimal.ZERO, "percentage", null) : r.discount(),
                r.termsNotes(), r.title(), r.contactDetails(), r.invoiceNumber(), r.issueDate(), r.dueDate(), r.sentTo(),
                r.liveMode(), r.automaticTaxesEnabled(), r.paymentSchedule(), r.lateFeesConfiguration(), r.tipsConfiguration(),
                r.invoiceNumberPrefix(), r.paymentMethods(), r.attachments(), r.miscellaneousCharges());
    }

    private static InvoiceRequests.UpdateInvoice asUpdate(Text2Pay r) {
        return new InvoiceRequests.UpdateInvoice(r.altId(), r.altType(), r.name(), r.title(), r.currency(), null,
                r.businessDetails(),
                r.invoiceNumber(), null, r.contactDetails(), r.termsNotes(), r.discount(), r.items(), r.automaticTaxesEnabled(),
                r.liveMode(), r.issueDate(), r.dueDate() == null ? r.issueDate() : r.dueDate(), r.paymentSchedule(),
                r.tipsConfiguration(), null, r.invoiceNumberPrefix(), r.paymentMethods(), r.attachments(),
                r.miscellaneousCharges());
    }
}
