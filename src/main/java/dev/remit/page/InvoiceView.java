package dev.remit.page;

import java.util.List;

import dev.remit.text.TextRule;

/**
 * One invoice as a customer sees it, every figure already formatted for the invoice's currency and
 * the location's locale and time zone. The hosted page, the PDF and the email all render this one
 * value, so they cannot disagree. It holds only {@link TextRule}: whatever was stored, no
 * rendering of it can fail on a character.
 */
public record InvoiceView(
        String invoiceId,
        String number,
        String title,
        String name,
        Status status,
        boolean testMode,
        Party business,
        Party customer,
        String issueDate,
        String dueDate,
        String currency,
        List<Line> lines,
        String subTotal,
        String discountLabel,
        String discount,
        String tax,
        String charges,
        String total,
        String amountPaid,
        String amountDue,
        String termsNotes,
        String publicUrl,
        String pdfUrl,
        String payUrl) {

    public InvoiceView {
        invoiceId = TextRule.renderable(invoiceId);
        number = TextRule.renderable(number);
        title = TextRule.renderable(title);
        name = TextRule.renderable(name);
        issueDate = TextRule.renderable(issueDate);
        dueDate = TextRule.renderable(dueDate);
        currency = TextRule.renderable(currency);
        lines = lines == null ? List.of() : List.copyOf(lines);
        subTotal = TextRule.renderable(subTotal);
        discountLabel = TextRule.renderable(discountLabel);
        discount = TextRule.renderable(discount);
        tax = TextRule.renderable(tax);
        charges = TextRule.renderable(charges);
        total = TextRule.renderable(total);
        amountPaid = TextRule.renderable(amountPaid);
        amountDue = TextRule.renderable(amountDue);
        termsNotes = TextRule.renderable(termsNotes);
        publicUrl = TextRule.renderable(publicUrl);
        pdfUrl = TextRule.renderable(pdfUrl);
        payUrl = TextRule.renderable(payUrl);
    }

    /** A business or a customer: who they are and how to reach them. Absent parts are null or empty. */
    public record Party(String name, String companyName, String logoUrl, List<String> addressLines, String phone,
            String email, String website) {

        public Party {
            name = TextRule.renderable(name);
            companyName = TextRule.renderable(companyName);
            logoUrl = TextRule.renderable(logoUrl);
            addressLines = addressLines == null ? List.of() : addressLines.stream().map(TextRule::renderable).toList();
            phone = TextRule.renderable(phone);
            email = TextRule.renderable(email);
            website = TextRule.renderable(website);
        }

        /** The website as a link: http(s) only, https assumed when no scheme is given. */
        public String websiteHref() {
            if (website == null || website.isBlank()) {
                return null;
            }
            String lower = website.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("https://") || lower.startsWith("http://")) {
                return website;
            }
            return lower.contains(":") ? null : "https://" + website;
        }

        /** The logo only when it is an http(s) address. */
        public String logoHref() {
            if (logoUrl == null) {
                return null;
            }
            String lower = logoUrl.toLowerCase(java.util.Locale.ROOT);
            return lower.startsWith("https://") || lower.startsWith("http://") ? logoUrl : null;
        }
    }

    /** One item line. */
    public record Line(String name, String description, String quantity, String unitPrice, String taxes,
            String amount) {

        public Line {
            name = TextRule.renderable(name);
            description = TextRule.renderable(description);
            quantity = TextRule.renderable(quantity);
            unitPrice = TextRule.renderable(unitPrice);
            taxes = TextRule.renderable(taxes);
            amount = TextRule.renderable(amount);
        }
    }

    /** What the customer is told about the invoice, with the CSS class that colours it. */
    public enum Status {
        DRAFT("Draft", "draft"),
        DUE("Due", "due"),
        OVERDUE("Overdue", "overdue"),
        PARTIALLY_PAID("Partially paid", "partial"),
        PROCESSING("Payment processing", "processing"),
        PAID("Paid", "paid"),
        VOID("Void", "void");

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

        public boolean isPayable() {
            return this == DUE || this == OVERDUE || this == PARTIALLY_PAID;
        }
    }

    public boolean hasDiscount() {
        return discount != null;
    }

    public boolean hasCharges() {
        return charges != null;
    }

    public boolean isPaid() {
        return status == Status.PAID;
    }

    /** The preheader line of the email, and the page's description. */
    public String summary() {
        return switch (status) {
            case PAID -> "Invoice " + number + " from " + business.name() + " is paid. Thank you.";
            case VOID -> "Invoice " + number + " from " + business.name() + " has been voided.";
            default -> "Invoice " + number + " from " + business.name() + ": " + amountDue + " due " + dueDate + ".";
        };
    }
}
