package dev.remit.page;

import java.util.List;

import dev.remit.page.InvoiceView.Line;
import dev.remit.page.InvoiceView.Party;
import dev.remit.page.InvoiceView.Payment;
import dev.remit.page.InvoiceView.Status;

/** Hand-made views for rendering tests, with names in Latin, Greek and Cyrillic script. */
final class SampleInvoices {

    static final String PAY_URL = "http://localhost:8080/i/Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHh4eHh4eHh4eHg/pay";

    private SampleInvoices() {
    }

    /** Without a payment provider and without payment instructions. */
    static InvoiceView withStatus(Status status, boolean testMode) {
        return of(status, testMode, null, null);
    }

    /**
     * @param payUrl              where the Pay button posts, or null when no payment provider is connected
     * @param paymentInstructions the location's, or null
     */
    static InvoiceView of(Status status, boolean testMode, String payUrl, String paymentInstructions) {
        Party business = new Party("Acme Plumbing & Heating", null, null,
                List.of("9931 Beechwood", "St. Houston, TX 559-6993", "United States"), "+1 214-559-6993",
                "billing@acme.example", "www.example.com");
        Party customer = new Party("Zoë Παπαδοπούλου", "Фёдор & Co", null, List.of("12 Main St", "Springfield, IL 62701"),
                "+1 217-555-0134", "zoe@example.com", null);
        List<Line> lines = List.of(
                new Line("Macbook Pro", "14-inch, M3", "1", "$999.00", "Sales tax 8.25%", "$999.00"),
                new Line("Ремонт трубы (pipe repair)", null, "2.5", "$40.00", "—", "$100.00"));
        boolean paid = status == Status.PAID;
        List<Payment> payments = switch (status) {
            case PAID -> List.of(new Payment("Jan 20, 2023", "$63.43", "Cash"),
                    new Payment("Feb 3, 2023", "$1,000.00", "Visa ending 4242"));
            case PARTIALLY_PAID -> List.of(new Payment("Jan 20, 2023", "$63.43", "Cheque no. 1042"));
            default -> List.of();
        };
        return new InvoiceView("6578278e879ad2646715ba9c", "INV-0019", "INVOICE", "Kitchen remodel", status, testMode,
                business, customer, "Jan 1, 2023", "Jan 31, 2023", "USD", lines, "$1,099.00", "Discount (10%)",
                "$109.90", "$74.33", null, null, "$1,063.43", paid ? "$1,063.43" : "$63.43",
                paid ? "$0.00" : "$1,000.00", "Payment within 30 days.\nThank you for your business.",
                "http://localhost:8080/i/Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHh4eHh4eHh4eHg", "http://localhost:8080/i/Zm9v/pdf",
                payUrl, paymentInstructions, payments);
    }
}
