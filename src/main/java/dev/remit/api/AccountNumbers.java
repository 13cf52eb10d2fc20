package dev.remit.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Finds values that look like a full card or bank account number: a Luhn-valid run of 13 to 19
 * digits (spaces or dashes between groups allowed), or an IBAN with a valid check. remit keeps only
 * references and display details; a request holding such a value is refused
 * ({@link AccountNumberRefusal}), naming its path, never the value.
 *
 * <p>Runs that card numbers cannot be are passed, so that ordinary data is not refused one time in
 * ten (the chance of any run passing Luhn's check): no card number begins with 0, and only UATP's
 * 15-digit cards begin with 1 (a time in milliseconds or microseconds does); a run right after a
 * {@code +} is a phone number in E.164; a 13- or 14-digit run with a valid GS1 check digit is a
 * product code (EAN-13, ISBN, GTIN-14).
 */
public final class AccountNumbers {

    /**
     * 13 to 19 digits in a row, or in groups of 4 to 6 split by single spaces or dashes (as cards are
     * written), standing on their own: a run inside an id such as {@code 6b4242424242424242abcdef} is
     * part of the id, not a card.
     */
    private static final Pattern DIGIT_RUN = Pattern.compile(
            "(?<![A-Za-z0-9+])(?:[0-9]{13,19}|[0-9]{4,6}(?:[ -][0-9]{4,6}){1,4})(?![A-Za-z0-9])");
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]){11,30}(?![A-Za-z0-9])");

    private AccountNumbers() {
    }

    /** The dotted paths of the values (and property names) in a JSON document that hold one. */
    public static List<String> find(JsonNode body) {
        List<String> paths = new ArrayList<>();
        walk(body, "", paths);
        return paths;
    }

    private static void walk(JsonNode node, String path, List<String> paths) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (looksLikeAccountNumber(field.getKey())) {
                    paths.add(join(path, "(a property name)"));
                }
                walk(field.getValue(), join(path, field.getKey()), paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), join(path, Integer.toString(i)), paths);
            }
        } else if (node.isString() && looksLikeAccountNumber(node.asString())
                || node.isNumber() && looksLikeAccountNumber(digitsOf(node))) {
            paths.add(path);
        }
    }

    /**
     * A number as its digits, when it is a whole number short enough to be a card (2^64 has 20
     * digits); never the plain form of a number like 1e1000000, which would be a million digits.
     */
    private static String digitsOf(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.isBigInteger() && number.bigIntegerValue().bitLength() > 64 ? null : number.asString();
        }
        if (number.isBigDecimal()) {
            BigDecimal value = number.decimalValue();
            if (value.precision() <= 19 && value.scale() >= -19 && value.scale() <= 19) {
                BigDecimal whole = value.stripTrailingZeros();
                return whole.scale() <= 0 ? whole.toPlainString() : null;
            }
        }
        return null;
    }

    public static boolean looksLikeAccountNumber(String text) {
        if (text == null || text.length() < 13) {
            return false;
        }
        Matcher digits = DIGIT_RUN.matcher(text);
        while (digits.find()) {
            String run = digits.group().replaceAll("[ -]", "");
            if (run.length() >= 13 && run.length() <= 19 && couldBeACard(run) && luhn(run)) {
                return true;
            }
        }
        Matcher iban = IBAN.matcher(text);
        while (iban.find()) {
            if (validIban(iban.group().replace(" ", ""))) {
                return true;
            }
        }
        return false;
    }

    private static boolean couldBeACard(String digits) {
        char first = digits.charAt(0);
        if (first == '0' || first == '1' && digits.length() != 15) {
            return false;
        }
        return !(digits.length() <= 14 && gs1CheckDigitHolds(digits));
    }

    /** EAN-13's and GTIN-14's check: weights 3 and 1 alternating from the right, the last digit excluded. */
    private static boolean gs1CheckDigitHolds(String digits) {
        int sum = 0;
        for (int i = digits.length() - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (digits.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10 == digits.charAt(digits.length() - 1) - '0';
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0 && !digits.chars().allMatch(c -> c == '0');
    }

    static boolean validIban(String iban) {
        String upper = iban.toUpperCase(Locale.ROOT);
        if (upper.length() < 15 || upper.length() > 34) {
            return false;
        }
        String rearranged = upper.substring(4) + upper.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
