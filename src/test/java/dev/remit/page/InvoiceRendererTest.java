package dev.remit.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import dev.remit.page.InvoiceView.Status;
import dev.remit.support.Documents;

class InvoiceRendererTest {

    /** Keeps nothing: every call renders (RenderCacheTest covers what is kept). */
    private final InvoiceRenderer renderer = new InvoiceRenderer(
            new RenderCacheSettings(org.springframework.util.unit.DataSize.ofBytes(0)), null);

    @Test
    void pdfHoldsTheNumberItemsAndTotalsInEveryScriptWithEmbeddedFonts() throws Exception {
        InvoiceView invoice = SampleInvoices.withStatus(Status.DUE, false);
        byte[] pdf = renderer.pdf(invoice, InvoiceRenderer.PaperSize.A4);
        Path file = Path.of("target/screenshots/invoice-a4.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("INV-0019", "Macbook Pro", "Ремонт трубы", "Zoë Παπαδοπούλου", "Фёдор & Co",
                    "$1,099.00", "$109.90", "$74.33", "$1,063.43", "$1,000.00", "Amount due");
            float width = document.getPage(0).getMediaBox().getWidth();
            assertThat(width).isCloseTo(595f, org.assertj.core.data.Offset.offset(2f)); // A4: 210 mm
            List<PDFont> fonts = new ArrayList<>();
            for (var name : document.getPage(0).getResources().getFontNames()) {
                fonts.add(document.getPage(0).getResources().getFont(name));
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> assertThat(font.isEmbedded()).isTrue());
        }
    }

    @Test
    void pdfsRenderedAtOnceOnManyThreadsSayWhatOneRenderedAloneSays() throws Exception {
        // the parsed fonts are lent to one PDF at a time; a font shared by two would garble both
        java.util.Map<Status, String> alone = new java.util.EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            alone.put(status, Documents.pdfText(renderer.pdf(SampleInvoices.withStatus(status, false), InvoiceRenderer.PaperSize.A4)));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> same = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                Status status = Status.values()[i % Status.values().length];
                same.add(pool.submit(() -> Documents.pdfText(renderer.pdf(SampleInvoices.withStatus(status, false),
                        InvoiceRenderer.PaperSize.A4)).equals(alone.get(status))));
            }
            for (var result : same) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void letterPaperWhenTheLocationAsksForIt() throws Exception {
        byte[] pdf = renderer.pdf(SampleInvoices.withStatus(Status.DUE, false), InvoiceRenderer.PaperSize.LETTER);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo(612f, org.assertj.core.data.Offset.offset(2f));
        }
    }

    @Test
    void emailHtmlIsValidAndSaysWhatTheTextSays() throws Exception {
        InvoiceView invoice = SampleInvoices.of(Status.DUE, true, SampleInvoices.PAY_URL, null);
        RenderedEmail email = renderer.email(invoice, InvoiceRenderer.PaperSize.A4);
        assertThat(email.subject()).isEqualTo("Invoice INV-0019 from Acme Plumbing & Heating: Kitchen remodel");
        assertThat(Documents.htmlErrors(email.html())).isEmpty();
        assertThat(email.html()).doesNotContain("<script").contains("View and pay", invoice.publicUrl(), "$1,000.00",
                "Jan 31, 2023", "Test mode");
        assertThat(email.text()).contains("View and pay: " + invoice.publicUrl(), "$1,000.00", "Jan 31, 2023",
                "INV-0019", "TEST MODE");
        assertThat(email.pdfName()).isEqualTo("invoice-INV-0019.pdf");
        assertThat(new String(email.pdf(), 0, 5)).isEqualTo("%PDF-");
    }

    @Test
    void pageHtmlIsValidAndEscapesWhatCustomersTyped() throws Exception {
        InvoiceView invoice = SampleInvoices.withStatus(Status.OVERDUE, false);
        String page = renderer.page(invoice, null);
        assertThat(Documents.htmlErrors(page)).isEmpty();
        assertThat(page).contains("Acme Plumbing &amp; Heating", "Overdue", "Download PDF").doesNotContain("<script");
    }

    @Test
    void smsFitsOneSegmentWhenTheLinkAllows() {
        InvoiceView invoice = SampleInvoices.withStatus(Status.DUE, false);
        String sms = InvoiceRenderer.sms(invoice, LocalDate.of(2023, 1, 31), InvoiceFormats.of("US", "USD"),
                LocalDate.of(2023, 1, 2));
        assertThat(sms).hasSizeLessThanOrEqualTo(160).contains("INV-0019", "$1,000.00", "due Jan 31.", invoice.publicUrl());
    }

    @Test
    void theSmsSaysTheYearOfADueDateInAnotherYearAndThatItIsOverdue() {
        InvoiceView overdue = SampleInvoices.of(Status.OVERDUE, false, SampleInvoices.PAY_URL, null);
        String sms = InvoiceRenderer.sms(overdue, LocalDate.of(2023, 1, 31), InvoiceFormats.of("US", "USD"),
                LocalDate.of(2024, 2, 5));
        assertThat(sms).hasSizeLessThanOrEqualTo(160).contains("overdue, was due Jan 31, 2023", overdue.publicUrl());
        InvoiceView shortName = new InvoiceView(overdue.invoiceId(), overdue.number(), overdue.title(), overdue.name(),
                overdue.status(), false, new InvoiceView.Party("Acme", null, null, List.of(), null, null, null),
                overdue.customer(), overdue.issueDate(), overdue.dueDate(), overdue.currency(), overdue.lines(),
                overdue.subTotal(), overdue.discountLabel(), overdue.discount(), overdue.tax(), overdue.charges(),
                overdue.lateFees(), overdue.total(), overdue.amountPaid(), overdue.amountDue(), overdue.termsNotes(), overdue.publicUrl(),
                overdue.pdfUrl(), overdue.payUrl(), null, List.of());
        assertThat(InvoiceRenderer.sms(shortName, LocalDate.of(2023, 1, 31), InvoiceFormats.of("US", "USD"),
                LocalDate.of(2024, 2, 5))).hasSizeLessThanOrEqualTo(160)
                .startsWith("Acme: invoice INV-0019 for $1,000.00 is overdue (was due Jan 31, 2023). View and pay: ");
        String later = InvoiceRenderer.sms(SampleInvoices.withStatus(Status.DUE, false), LocalDate.of(2025, 1, 31),
                InvoiceFormats.of("GB", "GBP"), LocalDate.of(2024, 12, 20));
        assertThat(later).contains("is due 31 Jan 2025", "View invoice: ").doesNotContain("pay:");
    }

    @Test
    void aVoidInvoiceSaysNothingIsOwedAndShowsNoAmountDue() throws Exception {
        InvoiceView voided = SampleInvoices.withStatus(Status.VOID, false);
        String page = renderer.page(voided, null);
        assertThat(Documents.htmlErrors(page)).isEmpty();
        assertThat(page).contains("class=\"callout void\"", "Void — nothing is owed", "Please do not pay it")
                .doesNotContain("Amount due", "Pay $");
        String pdf = Documents.pdfText(saved("pdf-void", renderer.pdf(voided, InvoiceRenderer.PaperSize.A4)));
        assertThat(pdf).contains("Void — nothing is owed").doesNotContain("Amount due", "View and pay");
    }

    @Test
    void aPaidInvoiceReadsAsAReceiptOnThePageAndInThePdf() throws Exception {
        InvoiceView paid = SampleInvoices.withStatus(Status.PAID, false);
        String page = renderer.page(paid, null);
        assertThat(Documents.htmlErrors(page)).isEmpty();
        assertThat(page).contains("<p class=\"doc-title\">RECEIPT</p>", "Paid on Feb 3, 2023", "Cash, Visa ending 4242",
                "Payments received", "Download receipt (PDF)").doesNotContain("Amount due");
        String pdf = Documents.pdfText(saved("pdf-receipt", renderer.pdf(paid, InvoiceRenderer.PaperSize.A4)));
        assertThat(pdf).contains("RECEIPT", "Paid on", "Feb 3, 2023", "Visa ending 4242", "Cash", "PAID ON FEB 3, 2023")
                .doesNotContain("Amount due");
        assertThat(InvoiceRenderer.pdfName(paid)).isEqualTo("receipt-INV-0019.pdf");
        assertThat(InvoiceRenderer.subject(paid)).startsWith("Receipt for invoice INV-0019 from Acme Plumbing & Heating");
    }

    @Test
    void overdueReadsOverdueWasDueOnThePageAndInTheEmail() throws Exception {
        InvoiceView overdue = SampleInvoices.withStatus(Status.OVERDUE, false);
        assertThat(renderer.page(overdue, null)).contains("Overdue — was due Jan 31, 2023");
        RenderedEmail email = renderer.email(overdue, InvoiceRenderer.PaperSize.A4);
        assertThat(email.text()).contains("Overdue — was due Jan 31, 2023.");
        assertThat(email.html()).contains("Overdue — was due Jan 31, 2023.");
    }

    @Test
    void theEmailListsTheItemsAndNamesTheInvoice() throws Exception {
        RenderedEmail email = renderer.email(SampleInvoices.withStatus(Status.DUE, false), InvoiceRenderer.PaperSize.A4);
        for (String body : List.of(email.text(), email.html())) {
            assertThat(body).contains("Macbook Pro", "14-inch, M3", "Ремонт трубы (pipe repair)", "$999.00", "$100.00",
                    "Sales tax 8.25%", "Subtotal", "$1,099.00", "$109.90", "$74.33", "$1,063.43", "Kitchen remodel",
                    "billing@acme.example");
        }
        assertThat(email.subject()).contains("Kitchen remodel");
        assertThat(renderer.page(SampleInvoices.withStatus(Status.DUE, false), null))
                .contains("<p class=\"invoice-name\">Kitchen remodel</p>");
        assertThat(Documents.pdfText(email.pdf())).contains("Kitchen remodel");
    }

    @Test
    void withoutAPayButtonTheLinkSaysViewInvoiceAndThePaymentInstructionsShow() throws Exception {
        String instructions = "Bank transfer to Acme Plumbing LLC\nSort code 20-20-15, account 55555555\nCheques to 9931 Beechwood";
        InvoiceView unpayable = SampleInvoices.of(Status.DUE, false, null, instructions);
        RenderedEmail email = renderer.email(unpayable, InvoiceRenderer.PaperSize.A4);
        Files.writeString(Path.of("target/screenshots/email-unpayable.html"), email.html());
        assertThat(email.html()).contains(">View invoice</a>", "How to pay", "Sort code 20-20-15, account 55555555")
                .doesNotContain("View and pay");
        assertThat(email.text()).contains("View invoice: " + unpayable.publicUrl(), "How to pay:\n" + instructions)
                .doesNotContain("View and pay");
        String page = renderer.page(unpayable, null);
        assertThat(page).contains("How to pay", "Sort code 20-20-15, account 55555555").doesNotContain("Pay $");
        assertThat(Documents.pdfText(saved("pdf-unpayable", email.pdf()))).containsIgnoringCase("How to pay").contains("Sort code 20-20-15, account 55555555", "View invoice online")
                .doesNotContain("View and pay");

        InvoiceView payable = SampleInvoices.of(Status.DUE, false, SampleInvoices.PAY_URL, instructions);
        assertThat(renderer.page(payable, null)).contains("Pay $1,000.00", "How to pay");
        assertThat(renderer.email(payable, InvoiceRenderer.PaperSize.A4).text()).contains("View and pay: ");
        assertThat(renderer.page(SampleInvoices.of(Status.PAID, false, null, instructions), null))
                .as("nothing left to pay").doesNotContain("How to pay");
    }

    @Test
    void theFooterGivesTheBusinesssContactDetails() {
        String page = renderer.page(SampleInvoices.withStatus(Status.DUE, false), null);
        String footer = page.substring(page.indexOf("<footer>"));
        assertThat(footer).contains("Contact <strong>Acme Plumbing &amp; Heating</strong>",
                "href=\"mailto:billing@acme.example\"", "href=\"tel:+12145596993\"",
                "9931 Beechwood, St. Houston, TX 559-6993, United States");
    }

    @Test
    void aReceiptEmailHasTheInvoiceEmailsDesignWithTheItems() throws Exception {
        InvoiceView paid = SampleInvoices.withStatus(Status.PAID, false);
        RenderedEmail receipt = renderer.receiptEmail(paid, new InvoiceView.Payment("Feb 3, 2023", "$1,000.00",
                "Visa ending 4242"));
        assertThat(receipt.subject()).isEqualTo("Receipt from Acme Plumbing & Heating: $1,000.00 for invoice INV-0019");
        Files.createDirectories(Path.of("target/screenshots"));
        Files.writeString(Path.of("target/screenshots/email-receipt.html"), receipt.html());
        assertThat(Documents.htmlErrors(receipt.html())).isEmpty();
        for (String body : List.of(receipt.text(), receipt.html())) {
            assertThat(body).contains("received your payment of $1,000.00 with Visa ending 4242 on Feb 3, 2023",
                    "The invoice is paid in full.", "Macbook Pro", "$1,063.43", "View receipt")
                    .doesNotContain("USD 1", "attached");
        }
        assertThat(receipt.pdf()).isNull();
        RenderedEmail partial = renderer.receiptEmail(SampleInvoices.withStatus(Status.PARTIALLY_PAID, false),
                new InvoiceView.Payment("Jan 20, 2023", "$63.43", "Cheque no. 1042"));
        assertThat(partial.text()).contains("Still due: $1,000.00.");
    }

    @Test
    void amountsFollowTheCurrencyAndTheLocationsRegion() {
        assertThat(InvoiceFormats.of("US", "USD").money(new java.math.BigDecimal("1234.5"))).isEqualTo("$1,234.50");
        assertThat(InvoiceFormats.of("JP", "JPY").money(new java.math.BigDecimal("1234"))).isEqualTo("¥1,234");
        assertThat(InvoiceFormats.of("US", "KWD").money(new java.math.BigDecimal("1.5"))).isEqualTo("KWD\u00a01.500");
        assertThat(InvoiceFormats.of("DE", "EUR").money(new java.math.BigDecimal("1234.5"))).contains("1.234,50", "€");
    }

    /** Keeps a PDF under target/screenshots/ for a person to look at. */
    private static byte[] saved(String name, byte[] pdf) throws java.io.IOException {
        Path file = Path.of("target/screenshots/" + name + ".pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);
        return pdf;
    }

    @Test
    void aBareDollarSignIsOnlyTheLocationsOwnDollar() {
        java.math.BigDecimal amount = new java.math.BigDecimal("471.32");
        assertThat(InvoiceFormats.of("US", "USD").money(amount)).isEqualTo("$471.32");
        assertThat(InvoiceFormats.of("MX", "USD").money(amount)).isEqualTo("US$471.32");
        assertThat(InvoiceFormats.of("JP", "USD").money(amount)).isEqualTo("US$471.32");
        assertThat(InvoiceFormats.of("CA", "CAD").money(amount)).isEqualTo("$471.32");
        assertThat(InvoiceFormats.of("CA", "USD").money(amount)).isEqualTo("US$471.32");
        assertThat(InvoiceFormats.of("US", "CAD").money(amount)).isEqualTo("CA$471.32");
        assertThat(InvoiceFormats.of("AU", "AUD").money(amount)).isEqualTo("$471.32");
    }
}
