package dev.remit.estimate.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

import dev.remit.api.IsoDate;
import dev.remit.estimate.AutoInvoice;
import dev.remit.estimate.EstimateContent;
import dev.remit.estimate.web.EstimateRequests.EstimateBody;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.Phones;
import dev.remit.invoice.SmsPhones;
import dev.remit.invoice.web.InvoiceContents;
import dev.remit.invoice.web.InvoiceRequests;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a bound and validated estimate body into {@link EstimateContent}: the figures by the invoice's
 * rules ({@link InvoiceContents#figures}), the defaults for what a create leaves out (issued today in the
 * location's zone, expiring {@link #EXPIRE_AFTER_DAYS} days later, HighLevel's title and prefix, the
 * location's business details), and for an update the stored values for what it leaves out.
 */
@Component
class EstimateContents {

    /** HighLevel's default for estimatesExpireAfterXDays. */
    static final int EXPIRE_AFTER_DAYS = 30;
    static final String DEFAULT_TITLE = "ESTIMATE";
    static final String DEFAULT_PREFIX = "EST-";

    private final ObjectMapper json;

    EstimateContents(ObjectMapper json) {
        this.json = json;
    }

    EstimateContent fromBody(EstimateBody body, EstimateContent current, Location location, InvoiceSettings settings,
            LocalDate today) {
        InvoiceContents.Figures figures = InvoiceContents.figures(body.currency(), body.lines(), body.discount(),
                body.miscellaneousCharges());
        LocalDate issue = body.issueDate() != null ? IsoDate.Dates.parse(body.issueDate())
                : current != null ? current.issueDate() : today;
        LocalDate expiry = body.expiryDate() != null ? IsoDate.Dates.parse(body.expiryDate())
                : current != null && !current.expiryDate().isBefore(issue) ? current.expiryDate()
                : issue.plusDays(EXPIRE_AFTER_DAYS);
        ObjectNode business = current == null && settings.businessDetails() instanceof ObjectNode defaults
                ? defaults.deepCopy() : json.createObjectNode();
        business.setAll((ObjectNode) json.valueToTree(body.businessDetails()));
        ObjectNode extras = current != null && current.extras() != null ? current.extras().deepCopy()
                : json.createObjectNode();
        put(extras, "attachments", tree(body.attachments()));
        put(extras, "meta", body.meta());
        put(extras, "sendEstimateDetails", tree(body.sendEstimateDetails()));
        put(extras, "userId", tree(body.userId()));
        ArrayNode itemAttachments = json.createArrayNode();
        boolean anyItemAttachments = false;
        for (EstimateRequests.EstimateItem item : body.items()) {
            List<String> files = item == null ? null : item.attachments();
            anyItemAttachments |= files != null;
            itemAttachments.add(files == null ? json.nullNode() : json.valueToTree(files));
        }
        if (anyItemAttachments) {
            extras.set("itemAttachments", itemAttachments);
        } else {
            extras.remove("itemAttachments");
        }
        JsonNode sentTo = body.sentTo() != null ? tree(body.sentTo()) : current != null ? current.sentTo() : null;
        List<String> sentToPhones = body.sentTo() != null ? sentToPhones(body.sentTo(), location)
                : current != null ? current.smsPhones().sentTo() : List.of();
        AutoInvoice autoInvoice = body.autoInvoice() != null
                ? new AutoInvoice(body.autoInvoice().enabled(), Boolean.TRUE.equals(body.autoInvoice().directPayments()))
                : current != null ? current.autoInvoice() : AutoInvoice.off();
        return new EstimateContent(body.name(),
                body.title() != null ? body.title() : current != null ? current.title() : DEFAULT_TITLE,
                body.currency(), issue, expiry, figures.items(), figures.discount(),
                body.termsNotes() != null ? body.termsNotes() : current != null ? current.termsNotes() : null,
                body.estimateNumberPrefix() != null ? body.estimateNumberPrefix()
                        : current != null ? current.estimateNumberPrefix() : DEFAULT_PREFIX,
                body.liveMode() != null ? body.liveMode() : current == null || current.liveMode(),
                body.automaticTaxesEnabled() != null ? body.automaticTaxesEnabled()
                        : current != null && current.automaticTaxesEnabled(),
                business, contactDetails(body.contactDetails()), sentTo, tree(body.frequencySettings()), autoInvoice,
                body.paymentScheduleConfig() != null ? tree(body.paymentScheduleConfig())
                        : current != null ? current.paymentScheduleConfig() : null,
                body.miscellaneousCharges() != null ? tree(body.miscellaneousCharges())
                        : current != null ? current.miscellaneousCharges() : null,
                figures.totals().charges(), extras,
                new SmsPhones(Phones.e164(body.contactDetails().phoneNo(), location.country()), sentToPhones));
    }

    static LocalDate today(java.time.Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone);
    }

    private ObjectNode contactDetails(InvoiceRequests.ContactDetails body) {
        ObjectNode node = json.valueToTree(body);
        if (node.path("email").isString()) {
            node.put("email", node.path("email").asString().trim());
        }
        return node;
    }

    private static List<String> sentToPhones(InvoiceRequests.SentTo body, Location location) {
        if (body.phoneNo() == null) {
            return List.of();
        }
        return body.phoneNo().stream().map(raw -> Phones.e164(raw, location.country())).filter(Objects::nonNull).toList();
    }

    private JsonNode tree(Object value) {
        return value == null ? null : json.valueToTree(value);
    }

    private static void put(ObjectNode node, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            node.set(field, value);
        }
    }
}
