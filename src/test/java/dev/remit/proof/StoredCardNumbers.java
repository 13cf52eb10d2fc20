package dev.remit.proof;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every text or binary column of every table of the database, searched for a value that looks like
 * a full card number (a Luhn-valid run of 13 to 19 digits, standing on its own or in groups) or an
 * IBAN with a valid check. Answers "table.column: excerpt" for each hit, the number itself masked.
 *
 * A stand-in the campaign uses until the suite's shared {@code dev.remit.support.StoredCardNumbers}
 * is on this branch; delete this file then and import that one.
 */
final class StoredCardNumbers {

    private StoredCardNumbers() {
    }

    private static final Pattern DIGIT_RUN = Pattern.compile(
            "(?<![A-Za-z0-9])(?:[0-9]{13,19}|[0-9]{4,6}(?:[ -][0-9]{4,6}){1,4})(?![A-Za-z0-9])");
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]){11,30}(?![A-Za-z0-9])");

    static List<String> find(JdbcClient jdbc) {
        List<String> found = new ArrayList<>();
        List<String[]> columns = jdbc.sql("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = current_schema() order by table_name, ordinal_position""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3).toLowerCase(Locale.ROOT)})
                .list();
        for (String[] column : columns) {
            String type = column[2];
            boolean bytes = type.contains("binary") || type.contains("blob") || type.equals("bytea");
            if (!(bytes || type.contains("char") || type.contains("text") || type.contains("clob") || type.contains("json"))) {
                continue;
            }
            String sql = "select " + quote(column[1]) + " from " + quote(column[0]) + " where " + quote(column[1]) + " is not null";
            jdbc.sql(sql).query((ResultSet rs) -> {
                String text = bytes ? new String(rs.getBytes(1), StandardCharsets.ISO_8859_1) : rs.getString(1);
                String hit = firstHit(text);
                if (hit != null) {
                    found.add(column[0] + "." + column[1] + ": …" + hit + "…");
                }
            });
        }
        return found;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The surroundings of the first card number or IBAN in {@code text}, the number masked but its last four. */
    static String firstHit(String text) {
        if (text == null || text.length() < 13) {
            return null;
        }
        Matcher digits = DIGIT_RUN.matcher(text);
        while (digits.find()) {
            String run = digits.group().replaceAll("[ -]", "");
            if (run.length() >= 13 && run.length() <= 19 && luhn(run)) {
                return excerpt(text, digits.start(), digits.end());
            }
        }
        Matcher iban = IBAN.matcher(text);
        while (iban.find()) {
            if (validIban(iban.group().replace(" ", ""))) {
                return excerpt(text, iban.start(), iban.end());
            }
        }
        return null;
    }

    private static String excerpt(String text, int start, int end) {
        String masked = "#".repeat(Math.max(0, end - start - 4)) + text.substring(Math.max(start, end - 4), end);
        return text.substring(Math.max(0, start - 40), start) + masked + text.substring(end, Math.min(text.length(), end + 40));
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
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
        return new java.math.BigInteger(numeric.toString()).mod(java.math.BigInteger.valueOf(97)).intValue() == 1;
    }
}
