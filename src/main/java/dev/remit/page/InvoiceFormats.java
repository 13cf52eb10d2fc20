package dev.remit.page;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * How amounts and dates read for one location: English words with the location's regional
 * conventions ({@code en-DE} writes 1.234,56 €, {@code en-US} $1,234.56), in the invoice currency.
 * Every amount a customer reads (page, PDF, email, SMS, receipts) is written by {@link #money}.
 */
public record InvoiceFormats(Locale locale, Currency currency) {

    /** The English of every region: its symbols tell the dollars apart (US$, CA$, A$). */
    private static final Locale INTERNATIONAL_ENGLISH = Locale.forLanguageTag("en-001");

    public static InvoiceFormats of(String countryCode, String currencyCode) {
        String country = countryCode == null || countryCode.length() != 2 ? "US" : countryCode.toUpperCase(Locale.ROOT);
        return new InvoiceFormats(Locale.forLanguageTag("en-" + country), Currency.getInstance(currencyCode));
    }

    public String money(BigDecimal amount) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        if (format instanceof DecimalFormat decimal && "$".equals(currency.getSymbol(locale)) && !isLocalCurrency()) {
            // A bare "$" is the location's own dollar only: US dollars in Mexico or Canada read US$.
            DecimalFormatSymbols symbols = decimal.getDecimalFormatSymbols();
            symbols.setCurrencySymbol(currency.getSymbol(INTERNATIONAL_ENGLISH));
            decimal.setDecimalFormatSymbols(symbols);
        }
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        format.setRoundingMode(dev.remit.invoice.Money.ROUNDING);
        String formatted = format.format(amount == null ? BigDecimal.ZERO : amount);
        String code = currency.getCurrencyCode();
        // Where the locale has no symbol it writes the ISO code against the digits: KWD1.500 reads badly.
        if (formatted.startsWith(code) && formatted.length() > code.length()
                && Character.isDigit(formatted.charAt(code.length()))) {
            formatted = code + "\u00a0" + formatted.substring(code.length());
        }
        return formatted;
    }

    /** Whether the invoice currency is the one the location's country pays in (the US dollar in the US). */
    private boolean isLocalCurrency() {
        try {
            Currency local = Currency.getInstance(locale);
            return local != null && local.equals(currency);
        } catch (IllegalArgumentException noCurrency) {
            return false;
        }
    }

    /** A quantity as written: 1, 2.5 (never 2.50 or 1E+1). */
    public String quantity(BigDecimal qty) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(Math.max(0, qty.stripTrailingZeros().scale()));
        return format.format(qty);
    }

    public String date(LocalDate date) {
        return date == null ? "" : date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale));
    }

    /**
     * A date short enough for an SMS: "Dec 24" in the US, "24 Dec" elsewhere; with the year when it
     * is not {@code today}'s year ("Feb 10, 2025").
     */
    public String shortDate(LocalDate date, LocalDate today) {
        if (date == null) {
            return "";
        }
        boolean us = "US".equals(locale.getCountry());
        boolean thisYear = today != null && date.getYear() == today.getYear();
        String pattern = us ? (thisYear ? "MMM d" : "MMM d, yyyy") : (thisYear ? "d MMM" : "d MMM yyyy");
        return date.format(DateTimeFormatter.ofPattern(pattern, locale));
    }
}
