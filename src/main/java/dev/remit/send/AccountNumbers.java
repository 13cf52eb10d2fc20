package dev.remit.send;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Finds values that look like a full card or bank account number anywhere in a request: a
 * Luhn-valid run of 13 to 19 digits (spaces or dashes between groups allowed), or an IBAN with a
 * valid check. remit keeps only references and display details; such a value is refused, and its
 * path (never the value) is named.
 */
final class AccountNumbers {

    /**
     * 13 to 19 digits in a row, or in groups of 4 to 6 split by single spaces or dashes (as cards are
     * written), standing on their own: a run inside an id such as {@code 6b4242424242424242abcdef} is
     * part of the id, not a card.
     */
    private static final Pattern DIGIT_RUN = Pattern.compile(
            "(?<![A-Za-z0-9])(?:[0-9]{13,19}|[0-9]{4,6}(?:[ -][0-9]{4,6}){1,4})(?![A-Za-z0-9])");
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]){11,30}(?![A-Za-z0-9])");

    private AccountNumbers() {
    }

    /** The dotted paths of the values that hold one. */
    static List<String> find(JsonNode body) {
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
        } else if (node.isString() || node.isNumber()) {
            if (looksLikeAccountNumber(node.asString())) {
                paths.add(path);
            }
        }
    }

    static boolean looksLikeAccountNumber(String text) {
        if (text == null || text.length() < 13) {
            return false;
        }
        Matcher digits = DIGIT_RUN.matcher(text);
        while (digits.find()) {
            String run = digits.group().replaceAll("[ -]", "");
            if (run.length() >= 13 && run.length() <= 19 && luhn(run)) {
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
