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
        String lateFees,
        String total,
        String amountPaid,
        String amountDue,
        String termsNotes,
        String publicUrl,
        String pdfUrl,
        String payUrl,
        String paymentInstructions,
        List<Payment> payments) {

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
        lateFees = TextRule.renderable(lateFees);
        total = TextRule.renderable(total);
        amountPaid = TextRule.renderable(amountPaid);
        amountDue = TextRule.renderable(amountDue);
        termsNotes = TextRule.renderable(termsNotes);
        publicUrl = TextRule.renderable(publicUrl);
        pdfUrl = TextRule.renderable(pdfUrl);
        payUrl = TextRule.renderable(payUrl);
        paymentInstructions = TextRule.renderable(paymentInstructions);
        payments = payments == null ? List.of() : List.copyOf(payments);
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

        /** A mailto: link to the email address, when it looks like one. */
        public String emailHref() {
            return email != null && email.matches("[^@\\s<>\"]+@[^@\\s<>\"]+") ? "mailto:" + email : null;
        }

        /** A tel: link to the phone number: its digits and a leading +. */
        public String phoneHref() {
            if (phone == null) {
                return null;
            }
            String digits = phone.replaceAll("[^0-9+]", "");
            return digits.replace("+", "").length() < 3 ? null : "tel:" + digits;
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

    /**
     * One payment from the invoice's ledger, as the customer reads it.
     *
     * @param method how it was paid: "Visa ending 4242", "Cash", "Cheque no. 1042", "Bank transfer"
     */
    public record Payment(String date, String amount, String method) {

        public Payment {
            date = TextRule.renderable(date);
            amount = TextRule.renderable(amount);
            method = TextRule.renderable(method);
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

    /** Whether late fees were applied (docs/late-fees.md): they are a line of the totals, in the total. */
    public boolean hasLateFees() {
        return lateFees != null;
    }

    public boolean isPaid() {
        return status == Status.PAID;
    }

    public boolean isVoid() {
        return status == Status.VOID;
    }

    /** A paid invoice reads as a receipt: its page, its PDF and the email that carries it. */
    public boolean isReceipt() {
        return isPaid();
    }

    /** The document's title: the invoice's own ("INVOICE", "Tax invoice"), or Receipt once paid, in the same case. */
    public String documentTitle() {
        if (!isReceipt()) {
            return title;
        }
        return title != null && title.equals(title.toUpperCase(java.util.Locale.ROOT)) ? "RECEIPT" : "Receipt";
    }

    /** The invoice's name ("Kitchen remodel"), or null when it has none worth showing. */
    public String heading() {
        return name == null || name.isBlank() ? null : name.strip();
    }

    /** Whether the page has a Pay button: a payment provider takes payment for it and something is due. */
    public boolean canPayOnline() {
        return payUrl != null && status.isPayable();
    }

    /** The words of the link to the page in the email and the SMS: there is a Pay button behind it, or not. */
    public String linkLabel() {
        return canPayOnline() ? "View and pay" : isReceipt() ? "View receipt" : "View invoice";
    }

    /** The payment instructions, while something is to be paid (or in a draft's preview). */
    public String paymentInstructionsToShow() {
        return paymentInstructions != null && (status.isPayable() || status == Status.DRAFT) ? paymentInstructions : null;
    }

    /** "Due Mar 1, 2026", or "Overdue — was due Feb 10, 2026". Null when nothing is due. */
    public String dueWording() {
        if (dueDate == null || dueDate.isBlank() || !(status.isPayable() || status == Status.DRAFT)) {
            return null;
        }
        return status == Status.OVERDUE ? "Overdue \u2014 was due " + dueDate : "Due " + dueDate;
    }

    /** The line a void invoice shows where the amount due would be. */
    public String voidWording() {
        return "Void \u2014 nothing is owed";
    }

    /** "Paid on Feb 3, 2026": the date of the payment that settled it. Null unless paid. */
    public String paidWording() {
        if (!isPaid()) {
            return null;
        }
        return payments.isEmpty() ? "Paid" : "Paid on " + payments.get(payments.size() - 1).date();
    }

    /** How a paid invoice was paid: "Visa ending 4242", or each way it was paid when there were several. */
    public String paidWith() {
        if (!isPaid() || payments.isEmpty()) {
            return null;
        }
        return String.join(", ", payments.stream().map(Payment::method).distinct().toList());
    }

    /** The preheader line of the email, and the page's description. */
    public String summary() {
        return switch (status) {
            case PAID -> "Receipt for invoice " + number + " from " + business.name() + ": paid in full. Thank you.";
            case VOID -> "Invoice " + number + " from " + business.name() + " has been voided: nothing is owed.";
            case OVERDUE -> "Invoice " + number + " from " + business.name() + ": " + amountDue + " overdue, was due "
                    + dueDate + ".";
            default -> "Invoice " + number + " from " + business.name() + ": " + amountDue + " due " + dueDate + ".";
        };
    }
}
