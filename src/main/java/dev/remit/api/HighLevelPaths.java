package dev.remit.api;

/**
 * Path variables shared by the HighLevel operations. HighLevel defines literal paths beside
 * {@code /invoices/{invoiceId}} (templates, schedules, estimates, ...): those that remit does not
 * serve must answer NestJS's {@code Cannot GET /invoices/template}, not be read as an invoice id,
 * while any other segment, a malformed id included, stays an invoice id (404 Invoice not found).
 */
public final class HighLevelPaths {

    private HighLevelPaths() {
    }

    /** {@code {invoiceId}}: any segment but the literal ones HighLevel defines directly under /invoices/. */
    public static final String INVOICE_ID = "{invoiceId:(?!(?:template|schedule|estimate|text2pay|generate-invoice-number"
            + "|settings|stats)$).+}";

    /** {@code /invoices/{invoiceId}}. */
    public static final String INVOICE = "/invoices/" + INVOICE_ID;
}
