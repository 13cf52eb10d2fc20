package dev.remit.page;

import java.util.List;

import dev.remit.text.TextRule;

/**
 * One estimate as its customer sees it, in the invoice's look: the same parties, item lines and
 * totals ({@link InvoiceViews.Parts}), every figure formatted for the estimate's currency and the
 * location's region. The estimate page, its PDF, its email and its SMS all render this one value.
 *
 * @param acceptedBy  the name the customer typed to accept, once accepted
 * @param acceptedAt  when, in the location's time zone ("Mar 3, 2031, 10:00 AM")
 * @param invoiceUrl  the public page of the invoice made from the estimate, once there is one
 */
public record EstimateView(
        String estimateId,
        String number,
        String title,
        String name,
        Status status,
        boolean testMode,
        InvoiceView.Party business,
        InvoiceView.Party customer,
        String issueDate,
        String expiryDate,
        String currency,
        List<InvoiceView.Line> lines,
        String subTotal,
        String discountLabel,
        String discount,
        String tax,
        String charges,
        String total,
        String termsNotes,
        String publicUrl,
        String pdfUrl,
        String acceptUrl,
        String declineUrl,
        String acceptedBy,
        String acceptedAt,
        String declinedAt,
        String declineReason,
        String invoiceUrl) {

    public EstimateView {
        estimateId = TextRule.renderable(estimateId);
        number = TextRule.renderable(number);
        title = TextRule.renderable(title);
        name = TextRule.renderable(name);
        issueDate = TextRule.renderable(issueDate);
        expiryDate = TextRule.renderable(expiryDate);
        currency = TextRule.renderable(currency);
        lines = lines == null ? List.of() : List.copyOf(lines);
        subTotal = TextRule.renderable(subTotal);
        discountLabel = TextRule.renderable(discountLabel);
        discount = TextRule.renderable(discount);
        tax = TextRule.renderable(tax);
        charges = TextRule.renderable(charges);
        total = TextRule.renderable(total);
        termsNotes = TextRule.renderable(termsNotes);
        publicUrl = TextRule.renderable(publicUrl);
        pdfUrl = TextRule.renderable(pdfUrl);
        acceptUrl = TextRule.renderable(acceptUrl);
        declineUrl = TextRule.renderable(declineUrl);
        acceptedBy = TextRule.renderable(acceptedBy);
        acceptedAt = TextRule.renderable(acceptedAt);
        declinedAt = TextRule.renderable(declinedAt);
        declineReason = TextRule.renderable(declineReason);
        invoiceUrl = TextRule.renderable(invoiceUrl);
    }

    /** What the customer is told about the estimate, with the CSS class that colours its badge. */
    public enum Status {
        DRAFT("Draft", "draft"),
        OPEN("Awaiting your answer", "due"),
        ACCEPTED("Accepted", "paid"),
        DECLINED("Declined", "void"),
        EXPIRED("Expired", "overdue"),
        INVOICED("Invoiced", "paid");

        private final String label;
        private final String cssClass;

        Status(String label, String cssClass) {
            this.label = label;
            this.cssClass = cssClass;
        }

        public String label() {
            return label;
        }

        public String cssClass() {
            return cssClass;
        }
    }

    /** Whether the page offers Accept and Decline: the estimate was sent and is still open. */
    public boolean canAnswer() {
        return status == Status.OPEN && acceptUrl != null;
    }

    /** Accepted by the customer (an estimate invoiced without their acceptance is not). */
    public boolean isAccepted() {
        return status == Status.ACCEPTED || (status == Status.INVOICED && acceptedAt != null);
    }

    public boolean isDeclined() {
        return status == Status.DECLINED;
    }

    public boolean isExpired() {
        return status == Status.EXPIRED;
    }

    public boolean hasDiscount() {
        return discount != null;
    }

    public boolean hasCharges() {
        return charges != null;
    }

    public String documentTitle() {
        return title;
    }

    /** The estimate's name ("Kitchen remodel"), or null when it has none worth showing. */
    public String heading() {
        return name == null || name.isBlank() ? null : name.strip();
    }

    /** "Accepted by Pat Doe on Mar 3, 2031, 10:00 AM". Null unless accepted. */
    public String acceptedWording() {
        if (!isAccepted()) {
            return null;
        }
        return "Accepted" + (acceptedBy == null ? "" : " by " + acceptedBy) + (acceptedAt == null ? "" : " on " + acceptedAt);
    }

    /** "Valid until Mar 31, 2031", or "Expired on ..." once it has. Null when there is no expiry date. */
    public String expiryWording() {
        if (expiryDate == null || expiryDate.isBlank()) {
            return null;
        }
        return isExpired() ? "This estimate expired on " + expiryDate + "." : "Valid until " + expiryDate;
    }

    /** The words of the link in the email and the SMS. */
    public String linkLabel() {
        return canAnswer() ? "View and accept" : "View estimate";
    }

    /** The email's preheader and the page's description. */
    public String summary() {
        String base = "Estimate " + number + " from " + business.name() + ": " + total;
        return switch (status) {
            case ACCEPTED, INVOICED -> base + ", accepted.";
            case DECLINED -> base + ", declined.";
            case EXPIRED -> base + ", expired on " + expiryDate + ".";
            default -> base + (expiryDate == null || expiryDate.isBlank() ? "." : ", valid until " + expiryDate + ".");
        };
    }
}
