package dev.remit.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import nu.validator.htmlparser.common.XmlViolationPolicy;
import nu.validator.htmlparser.sax.HtmlParser;

/** What tests read back from documents remit produces: a PDF's text, an HTML document's parse errors. */
public final class Documents {

    private Documents() {
    }

    public static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The errors the validator.nu HTML5 parser finds, with their line numbers; empty for a clean document. */
    public static List<String> htmlErrors(String html) {
        List<String> errors = new ArrayList<>();
        HtmlParser parser = new HtmlParser(XmlViolationPolicy.ALLOW);
        parser.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getLineNumber() + ": " + e.getMessage());
            }
        });
        parser.setContentHandler(new org.xml.sax.helpers.DefaultHandler());
        try {
            parser.parse(new InputSource(new StringReader(html)));
        } catch (IOException | SAXException e) {
            errors.add(e.getMessage());
        }
        return errors;
    }
}
