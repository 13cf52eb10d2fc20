package dev.remit.invoice;

import org.springframework.stereotype.Service;

import dev.remit.api.Violations;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** A location's invoice settings: read with defaults, changed by the admin command line or PUT /invoices/settings. */
@Service
public class InvoiceSettingsService {

    private final InvoiceService invoices;
    private final ObjectMapper json;

    public InvoiceSettingsService(InvoiceService invoices, ObjectMapper json) {
        this.invoices = invoices;
        this.json = json;
    }

    /** The stored settings with remit's defaults for what is unset (business name: the location's name). */
    public InvoiceSettings effective(Location location) {
        ObjectNode business = json.createObjectNode();
        business.put("name", location.name());
        return invoices.storedSettings(location.id()).orElse(InvoiceSettings.empty()).withDefaults(business);
    }

    /**
     * Replaces the values {@code changes} sets and keeps the others (business details and sender are
     * merged field by field); phone numbers are stored in E.164.
     */
    public InvoiceSettings update(Location location, InvoiceSettings changes, Violations violations) {
        JsonNode businessDetails = changes.businessDetails();
        InvoiceSettings.SenderConfiguration sender = changes.senderConfiguration();
        Integer dueAfterXDays = changes.dueAfterXDays();
        String prefix = changes.invoiceNumberPrefix();
        String title = changes.title();
        InvoiceSettings stored = invoices.storedSettings(location.id()).orElse(InvoiceSettings.empty());
        JsonNode business = stored.businessDetails();
        if (businessDetails != null && !businessDetails.isNull()) {
            ObjectNode merged = business instanceof ObjectNode object ? object.deepCopy() : json.createObjectNode();
            merged.setAll((ObjectNode) businessDetails);
            JsonNode phone = merged.get("phoneNo");
            if (phone != null && phone.isString() && !phone.asString().isBlank()) {
                String e164 = Phones.e164(phone.asString(), location.country());
                if (e164 == null) {
                    violations.add("businessDetails.phoneNo", "must be a valid phone number");
                } else {
                    merged.put("phoneNo", e164);
                }
            }
            business = merged;
        }
        InvoiceSettings.SenderConfiguration mergedSender = stored.senderConfiguration();
        if (sender != null) {
            InvoiceSettings.SenderConfiguration old = mergedSender == null
                    ? new InvoiceSettings.SenderConfiguration(null, null) : mergedSender;
            mergedSender = new InvoiceSettings.SenderConfiguration(
                    sender.fromName() != null ? sender.fromName() : old.fromName(),
                    sender.fromEmail() != null ? sender.fromEmail() : old.fromEmail());
        }
        if (dueAfterXDays != null && (dueAfterXDays < 0 || dueAfterXDays > 3650)) {
            violations.add("dueAfterXDays", "must not be greater than 3650");
        }
        if (prefix != null && prefix.length() > 10) {
            violations.add("invoiceNumberPrefix", "must be shorter than or equal to 10 characters");
        }
        if (title != null && title.length() > 40) {
            violations.add("title", "must be shorter than or equal to 40 characters");
        }
        if (changes.paperSize() != null && !InvoiceSettings.PAPER_SIZES.contains(changes.paperSize())) {
            violations.add("paperSize", "must be one of the following values: A4, Letter");
        }
        if (changes.paymentInstructions() != null
                && changes.paymentInstructions().length() > InvoiceSettings.PAYMENT_INSTRUCTIONS_MAX) {
            violations.add("paymentInstructions", "must be shorter than or equal to "
                    + InvoiceSettings.PAYMENT_INSTRUCTIONS_MAX + " characters");
        }
        violations.throwIfAny();
        InvoiceSettings next = stored.with(changes, business, mergedSender);
        invoices.saveSettings(location.id(), next);
        return effective(location);
    }
}
