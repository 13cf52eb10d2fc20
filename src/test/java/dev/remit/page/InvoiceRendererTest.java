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

    private final InvoiceRenderer renderer = new InvoiceRenderer();

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
        InvoiceView invoice = SampleInvoices.withStatus(Status.DUE, true);
        RenderedEmail email = renderer.email(invoice, InvoiceRenderer.PaperSize.A4);
        assertThat(email.subject()).isEqualTo("Invoice INV-0019 from Acme Plumbing & Heating");
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
        String sms = InvoiceRenderer.sms(invoice, LocalDate.of(2023, 1, 31), InvoiceFormats.of("US", "USD"));
        assertThat(sms).hasSizeLessThanOrEqualTo(160).contains("INV-0019", "$1,000.00", "Jan 31", invoice.publicUrl());
    }

    @Test
    void amountsFollowTheCurrencyAndTheLocationsRegion() {
        assertThat(InvoiceFormats.of("US", "USD").money(new java.math.BigDecimal("1234.5"))).isEqualTo("$1,234.50");
        assertThat(InvoiceFormats.of("JP", "JPY").money(new java.math.BigDecimal("1234"))).isEqualTo("¥1,234");
        assertThat(InvoiceFormats.of("US", "KWD").money(new java.math.BigDecimal("1.5"))).isEqualTo("KWD\u00a01.500");
        assertThat(InvoiceFormats.of("DE", "EUR").money(new java.math.BigDecimal("1234.5"))).contains("1.234,50", "€");
    }
}
