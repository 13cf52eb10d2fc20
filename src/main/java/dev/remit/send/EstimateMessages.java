package dev.remit.send;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.remit.delivery.EmailMessage;
import dev.remit.delivery.EmailWriter;
import dev.remit.delivery.SmsMessage;
import dev.remit.estimate.Estimate;
import dev.remit.estimate.EstimateService;
import dev.remit.page.EstimateView;
import dev.remit.page.EstimatePages;
import dev.remit.page.InvoiceRenderer;
import dev.remit.page.RenderedEmail;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;

/**
 * The email and the SMS that carry an estimate, in the invoice's design: the items, the total, until
 * when it is valid and the link to its page (where the customer accepts or declines it), with the
 * estimate's PDF attached. As an invoice's, the email is queued pending and written by the delivery
 * worker from the estimate as it is then. The delivery log keeps them under the estimate's id.
 */
@Component
class EstimateMessages implements EmailWriter {

    static final String WRITER = "estimate";

    private final EstimatePages views;
    private final InvoiceRenderer renderer;
    private final EstimateService estimates;
    private final TenancyRepository tenancy;

    EstimateMessages(EstimatePages views, InvoiceRenderer renderer, EstimateService estimates, TenancyRepository tenancy) {
        this.views = views;
        this.renderer = renderer;
        this.estimates = estimates;
        this.tenancy = tenancy;
    }

    @Override
    public String name() {
        return WRITER;
    }

    /** To: the contact's email, sentTo.email and the contact's additional emails; Cc and Bcc: sentTo's. */
    static InvoiceMessages.EmailRecipients emailRecipients(Estimate estimate) {
        return InvoiceMessages.emailRecipients(estimate.content().contactDetails(), estimate.content().sentTo());
    }

    /** The contact's phone and sentTo.phoneNo in E.164, each once. */
    static List<String> phoneRecipients(Estimate estimate) {
        return InvoiceMessages.phoneRecipients(estimate.content().smsPhones());
    }

    EmailMessage email(Estimate estimate, Location location, InvoiceMessages.Sender sender,
            InvoiceMessages.EmailRecipients recipients, boolean sandbox) {
        return EmailMessage.pending(location.id(), estimate.id(), sandbox, sender.name(), sender.email(), recipients.to(),
                recipients.cc(), recipients.bcc(), WRITER);
    }

    List<SmsMessage> sms(Estimate estimate, Location location, List<String> phones, boolean sandbox) {
        String body = InvoiceRenderer.estimateSms(views.of(estimate, location));
        return phones.stream().map(phone -> new SmsMessage(location.id(), estimate.id(), sandbox, phone, body)).toList();
    }

    @Override
    public EmailMessage.Content write(EmailMessage pending) {
        Location location = tenancy.findLocation(pending.locationId())
                .orElseThrow(() -> new IllegalArgumentException("location " + pending.locationId() + " is gone"));
        Estimate estimate = estimates.find(location.id(), pending.invoiceId())
                .orElseThrow(() -> new IllegalArgumentException("estimate " + pending.invoiceId() + " is gone"));
        EstimateView view = views.of(estimate, location);
        RenderedEmail rendered = renderer.estimateEmail(view, views.paper(location));
        return new EmailMessage.Content(view.business().name(), rendered.subject(), rendered.text(), rendered.html(),
                List.of(new EmailMessage.Attachment(rendered.pdfName(), "application/pdf", rendered.pdf())));
    }
}
