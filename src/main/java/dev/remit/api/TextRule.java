package dev.remit.api;

/**
 * The characters a request's strings may hold: any Unicode scalar value except the C0 control
 * characters other than tab, line feed and carriage return, and except the noncharacters (U+FFFE,
 * U+FFFF and the like in every plane, U+FDD0 to U+FDEF); and never half of a surrogate pair.
 * That is XML 1.0's Char production less the noncharacters: what an XML or HTML renderer (the PDF),
 * a MIME encoder (the email) and PostgreSQL (no U+0000) all take.
 */
public final class TextRule {

    public static final String MESSAGE = "must not contain control characters, unpaired surrogates or noncharacters";

    private TextRule() {
    }

    public static boolean allowed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                if (isNoncharacter(Character.toCodePoint(c, text.charAt(++i)))) {
                    return false;
                }
            } else if (Character.isLowSurrogate(c) || isNoncharacter(c)) {
                return false;
            }
        }
        return true;
    }

    /** Unicode's 66 noncharacters: U+FDD0..U+FDEF and the last two code points of every plane. */
    static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    /**
     * The text with every unpaired surrogate replaced by U+FFFD, so that it can be written as UTF-8
     * (an error message that echoes a client's property name, say); the same string when there is none.
     */
    public static String writable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
