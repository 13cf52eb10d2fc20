package dev.remit.page;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * Renders an {@link InvoiceView} as the customer meets it: the hosted page, the PDF (openhtmltopdf,
 * DejaVu Sans embedded so Latin, Greek and Cyrillic names render), the email's HTML and text, and
 * the SMS.
 */
@Component
public class InvoiceRenderer {

    public enum PaperSize {
        A4("A4"), LETTER("letter");

        private final String css;

        PaperSize(String css) {
            this.css = css;
        }

        public static PaperSize of(String name) {
            return name != null && name.equalsIgnoreCase("letter") ? LETTER : A4;
        }
    }

    private static final int SMS_SEGMENT = 160;

    private final TemplateEngine html;
    private final TemplateEngine text;
    private final String css;
    private final byte[] regular;
    private final byte[] bold;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final BlockingQueue<Fonts> idleFonts = new ArrayBlockingQueue<>(cores);
    /**
     * Writing a PDF is all CPU and tens of megabytes of short-lived objects: more at once than there
     * are cores adds no throughput, only heap (eight delivery workers at once kept a 256 MB heap busy
     * collecting).
     */
    private final Semaphore writingPdf = new Semaphore(cores);
    private final RenderCache rendered;

    /** A renderer that keeps the default 32 MB of rendered output. */
    public InvoiceRenderer() {
        this(new RenderCacheSettings(DataSize.ofMegabytes(32)), null);
    }

    @Autowired
    public InvoiceRenderer(RenderCacheSettings cache, ObjectProvider<MeterRegistry> meters) {
        this.rendered = new RenderCache(cache.maxSize().toBytes());
        MeterRegistry registry = meters == null ? null : meters.getIfAvailable();
        if (registry != null && rendered.caffeine() != null) {
            CaffeineCacheMetrics.monitor(registry, rendered.caffeine(), "remit.render");
        }
        this.html = engine(TemplateMode.HTML, ".html");
        this.text = engine(TemplateMode.TEXT, ".txt");
        this.css = new String(read("static/assets/invoice.css"), StandardCharsets.UTF_8);
        this.regular = read("fonts/DejaVuSans.ttf");
        this.bold = read("fonts/DejaVuSans-Bold.ttf");
    }

    /** The page with a notice on top, such as the outcome of a payment the customer just made. */
    public String page(InvoiceView invoice, String notice) {
        Map<String, Object> extra = new java.util.HashMap<>();
        extra.put("lang", "en");
        extra.put("notice", notice);
        return html.process("page/invoice", context(invoice, extra));
    }

    public String notFoundPage() {
        return html.process("page/not-found", new Context(Locale.ROOT, Map.of("document", "invoice")));
    }

    public String estimateNotFoundPage() {
        return html.process("page/not-found", new Context(Locale.ROOT, Map.of("document", "estimate")));
    }

    /** The invoice's PDF; each version is written once while it is kept ({@link RenderCache}). */
    public byte[] pdf(InvoiceView invoice, PaperSize paper) {
        byte[] pdf = rendered.get(new RenderCache.Key(RenderCache.Kind.PDF, invoice, paper), () -> writePdf(invoice, paper));
        return pdf.clone();
    }

    private byte[] writePdf(InvoiceView invoice, PaperSize paper) {
        return writePdf(html.process("pdf/invoice", context(invoice, Map.of("css", css, "pageSize", paper.css))));
    }

    private byte[] writePdf(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writingPdf.acquireUninterruptibly();
        try {
            Fonts fonts = fonts();
            try (PDDocument document = new PDDocument()) {
                PdfRendererBuilder builder = new PdfRendererBuilder();
                builder.useFastMode();
                builder.usePDDocument(document);
                builder.useFont(new PDFontSupplier(PDType0Font.load(document, fonts.regular(), true)), "DejaVu Sans", 400,
                        BaseRendererBuilder.FontStyle.NORMAL, true);
                builder.useFont(new PDFontSupplier(PDType0Font.load(document, fonts.bold(), true)), "DejaVu Sans", 700,
                        BaseRendererBuilder.FontStyle.NORMAL, true);
                // Nothing outside the document is ever fetched while rendering (no remote images, no SSRF).
                builder.useUriResolver((base, uri) -> null);
                builder.withW3cDocument(parse(xhtml), null);
                builder.withProducer("remit");
                builder.toStream(out);
                builder.run();
            } finally {
                if (!idleFonts.offer(fonts)) {
                    fonts.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writingPdf.release();
        }
        return out.toByteArray();
    }

    /**
     * The XHTML as a DOM, parsed by this thread's parser. openhtmltopdf would make a new SAX parser
     * (a factory lookup on the class path, then its configuration) and an identity transform for
     * each document: a sixth of writing a PDF.
     */
    private Document parse(String xhtml) {
        try {
            DocumentBuilder parser = XHTML_PARSER.get();
            parser.reset();
            return parser.parse(new InputSource(new StringReader(xhtml)));
        } catch (SAXException e) {
            throw new IllegalStateException("the PDF's XHTML is not well-formed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final ThreadLocal<DocumentBuilder> XHTML_PARSER = ThreadLocal.withInitial(InvoiceRenderer::xhtmlParser);

    /** Namespace-aware as openhtmltopdf's own parser; nothing outside the document is read (no DTD, no entities). */
    private static DocumentBuilder xhtmlParser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder parser = factory.newDocumentBuilder();
            parser.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            parser.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return parser;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * DejaVu Sans regular and bold, parsed. Parsing them was a third of the CPU of rendering a PDF,
     * so parsed fonts are kept and lent to one PDF at a time (a parsed font reads its tables lazily
     * and is not safe to share while in use).
     */
    private record Fonts(TrueTypeFont regular, TrueTypeFont bold) {
        void close() {
            try {
                regular.close();
                bold.close();
            } catch (IOException ignored) {
                // in-memory fonts: nothing to release
            }
        }
    }

    private Fonts fonts() {
        Fonts idle = idleFonts.poll();
        if (idle != null) {
            return idle;
        }
        try {
            return new Fonts(new TTFParser().parse(new RandomAccessReadBuffer(regular)),
                    new TTFParser().parse(new RandomAccessReadBuffer(bold)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The estimate's page, in the invoice page's look, with a notice on top (the outcome of Accept or Decline) or an error. */
    public String estimatePage(EstimateView estimate, String notice, String error) {
        Map<String, Object> extra = new java.util.HashMap<>();
        extra.put("notice", notice);
        extra.put("error", error);
        return html.process("page/estimate", estimateContext(estimate, extra));
    }

    /** The estimate's PDF, from the same view as its page; each version is written once while it is kept. */
    public byte[] estimatePdf(EstimateView estimate, PaperSize paper) {
        byte[] pdf = rendered.get(new RenderCache.Key(RenderCache.Kind.PDF, estimate, paper), () -> writePdf(
                html.process("pdf/estimate", estimateContext(estimate, Map.of("css", css, "pageSize", paper.css)))));
        return pdf.clone();
    }

    /** The estimate's email (subject, text, HTML) with its PDF attached. */
    public RenderedEmail estimateEmail(EstimateView estimate, PaperSize paper) {
        EmailWords words = rendered.get(new RenderCache.Key(RenderCache.Kind.EMAIL, estimate, null), () -> {
            String subject = estimateSubject(estimate);
            Context context = estimateContext(estimate, Map.of("subject", subject));
            return new EmailWords(subject, text.process("email/estimate", context), html.process("email/estimate", context));
        });
        return new RenderedEmail(words.subject(), words.text(), words.html(), estimatePdfName(estimate),
                estimatePdf(estimate, paper));
    }

    public static String estimateSubject(EstimateView estimate) {
        String name = estimate.heading();
        return oneLine("Estimate " + estimate.number() + " from " + estimate.business().name()
                + (name == null ? "" : ": " + name));
    }

    public static String estimatePdfName(EstimateView estimate) {
        String safe = estimate.number().replaceAll("[^A-Za-z0-9._-]", "-");
        return "estimate-" + (safe.isBlank() ? estimate.estimateId() : safe) + ".pdf";
    }

    /**
     * The estimate's SMS: business, number, total, until when it is valid, and the link, in one
     * 160-character segment whenever the link allows (the business name is shortened first).
     */
    public static String estimateSms(EstimateView estimate) {
        String link = estimate.publicUrl();
        String business = oneLine(estimate.business().name());
        String valid = estimate.expiryDate() == null || estimate.expiryDate().isBlank() ? ""
                : ", valid until " + estimate.expiryDate();
        String full = business + ": estimate " + estimate.number() + " for " + estimate.total() + valid + ". "
                + estimate.linkLabel() + ": " + link;
        if (full.length() <= SMS_SEGMENT) {
            return full;
        }
        String brief = "Estimate " + estimate.number() + " " + estimate.total() + ": " + link;
        int room = SMS_SEGMENT - brief.length() - 2;
        if (room >= 4) {
            return (business.length() > room ? business.substring(0, room - 3) + "..." : business) + ": " + brief;
        }
        return brief;
    }

    /**
     * The fragments shared with the invoice (the items table) read {@code invoice.currency()} and
     * {@code invoice.lines()}, which an estimate's view has too.
     */
    private static Context estimateContext(EstimateView estimate, Map<String, Object> extra) {
        Context context = new Context();
        context.setVariable("estimate", estimate);
        context.setVariable("invoice", estimate);
        extra.forEach(context::setVariable);
        return context;
    }

    /** The invoice's email with its PDF; each version is rendered once while it is kept ({@link RenderCache}). */
    public RenderedEmail email(InvoiceView invoice, PaperSize paper) {
        EmailWords words = rendered.get(new RenderCache.Key(RenderCache.Kind.EMAIL, invoice, null), () -> {
            String subject = subject(invoice);
            Context context = context(invoice, Map.of("subject", subject));
            return new EmailWords(subject, text.process("email/invoice", context), html.process("email/invoice", context));
        });
        return new RenderedEmail(words.subject(), words.text(), words.html(), pdfName(invoice), pdf(invoice, paper));
    }

    /**
     * A reminder of the invoice: its email with its PDF, under {@code subject} and with {@code message}
     * (plain text, escaped in the HTML) in place of the greeting and the opening words; the invoice
     * email as it is when {@code message} is null.
     */
    public RenderedEmail reminderEmail(InvoiceView invoice, PaperSize paper, String subject, String message) {
        String oneLine = oneLine(subject);
        Map<String, Object> extra = new java.util.HashMap<>();
        extra.put("subject", oneLine);
        extra.put("message", message);
        Context context = context(invoice, extra);
        return new RenderedEmail(oneLine, text.process("email/invoice", context), html.process("email/invoice", context),
                pdfName(invoice), pdf(invoice, paper));
    }

    /** An invoice email's subject, text and HTML. */
    record EmailWords(String subject, String text, String html) {
    }

    /** What the render cache holds now and how it has done (for tests and the benchmark's reading). */
    RenderCache renderCache() {
        return rendered;
    }

    /**
     * The customer's receipt for one payment, in the invoice email's design (items, totals, what is
     * still due) and without an attachment: the page it links to is the receipt once the invoice is paid.
     */
    public RenderedEmail receiptEmail(InvoiceView invoice, InvoiceView.Payment payment) {
        String subject = oneLine("Receipt from " + invoice.business().name() + ": " + payment.amount() + " for invoice "
                + invoice.number());
        Context context = context(invoice, Map.of("subject", subject, "receipt", payment));
        return new RenderedEmail(subject, text.process("email/invoice", context), html.process("email/invoice", context),
                null, null);
    }

    /**
     * The customer's notice that an automatic charge of their saved method was declined, in the
     * invoice email's design (text and HTML, no attachment).
     *
     * @param nextAttempt the date of the next try as the customer reads it, or null when there is none
     */
    public RenderedEmail paymentFailedEmail(InvoiceView invoice, String reason, String nextAttempt) {
        String subject = oneLine("Automatic payment failed for invoice " + invoice.number() + " from "
                + invoice.business().name());
        Context context = context(invoice, Map.of("subject", subject, "failure", new DeclinedCharge(reason, nextAttempt)));
        return new RenderedEmail(subject, text.process("email/invoice", context), html.process("email/invoice", context),
                null, null);
    }

    /** What the invoice email says of a declined automatic charge: why, and when it is tried again (null: never). */
    public record DeclinedCharge(String reason, String nextAttempt) {
    }

    public static String subject(InvoiceView invoice) {
        String what = invoice.isReceipt() ? "Receipt for invoice " : "Invoice ";
        String name = invoice.heading();
        return oneLine(what + invoice.number() + " from " + invoice.business().name() + (name == null ? "" : ": " + name));
    }

    public static String pdfName(InvoiceView invoice) {
        String safe = invoice.number().replaceAll("[^A-Za-z0-9._-]", "-");
        return (invoice.isReceipt() ? "receipt-" : "invoice-") + (safe.isBlank() ? invoice.invoiceId() : safe) + ".pdf";
    }

    /**
     * The SMS: business, number, amount due, due date (with its year when it is not this year's) and
     * the link, in one 160-character segment whenever the link allows (the business name is shortened
     * first, then the wording). An overdue invoice says so.
     */
    public static String sms(InvoiceView invoice, java.time.LocalDate dueDate, InvoiceFormats formats,
            java.time.LocalDate today) {
        String link = invoice.publicUrl();
        String due = formats.shortDate(dueDate, today);
        String business = oneLine(invoice.business().name());
        String amount = invoice.amountDue();
        boolean overdue = invoice.status() == InvoiceView.Status.OVERDUE;
        String when = overdue ? "is overdue (was due " + due + ")" : "is due " + due;
        String full = invoice.isPaid()
                ? business + ": invoice " + invoice.number() + " is paid. Receipt: " + link
                : business + ": invoice " + invoice.number() + " for " + amount + " " + when + ". "
                        + invoice.linkLabel() + ": " + link;
        if (full.length() <= SMS_SEGMENT) {
            return full;
        }
        String brief = invoice.isPaid() ? "Inv " + invoice.number() + " paid: " + link
                : "Inv " + invoice.number() + " " + amount + (overdue ? " overdue, was due " : " due ") + due + ": " + link;
        int room = SMS_SEGMENT - brief.length() - 2;
        if (room >= 4) {
            // "..." rather than an ellipsis, which is not in GSM-7 and would make the whole SMS UCS-2
            return (business.length() > room ? business.substring(0, room - 3) + "..." : business) + ": " + brief;
        }
        return brief; // the link alone is too long for one segment: send it whole, in several
    }

    private static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("[\\r\\n\\t]+", " ").trim();
    }

    private static Context context(InvoiceView invoice, Map<String, Object> extra) {
        Context context = new Context();
        context.setVariable("invoice", invoice);
        extra.forEach(context::setVariable);
        return context;
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    private static byte[] read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
