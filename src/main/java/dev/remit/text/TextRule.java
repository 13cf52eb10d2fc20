package dev.remit.text;

/**
 * The one definition of the characters remit's text may hold: any Unicode scalar value except the
 * C0 control characters other than tab, line feed and carriage return, and except the noncharacters
 * (U+FFFE, U+FFFF and the like in every plane, U+FDD0 to U+FDEF); and never half of a surrogate
 * pair. That is XML 1.0's Char production less the noncharacters: what an XML or HTML renderer (the
 * PDF), a MIME encoder (the email), UTF-8 and PostgreSQL (no U+0000) all take.
 * <p>
 * Requests are refused at the edge when they break it ({@link #allowed}); anything already stored
 * (an older row, the admin command, a direct database write) is made {@link #renderable} wherever
 * it is shown, so that showing it cannot fail.
 */
public final class TextRule {

    public static final String MESSAGE = "must not contain control characters, unpaired surrogates or noncharacters";
    public static final char REPLACEMENT = '\uFFFD';

    private TextRule() {
    }

    public static boolean allowed(String text) {
        return firstDisallowed(text) < 0;
    }

    /** The index of the first character the rule refuses, or -1 when there is none. */
    public static int firstDisallowed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (isPaired(text, i)) {
                if (isNoncharacter(Character.toCodePoint(c, text.charAt(i + 1)))) {
                    return i;
                }
                i++;
            } else if (isControl(c) || Character.isSurrogate(c) || isNoncharacter(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The text with every control character the rule refuses dropped (invisible anyway) and every
     * unpaired surrogate and noncharacter replaced by U+FFFD; the same instance when there is none.
     */
    public static String renderable(String text) {
        if (text == null) {
            return null;
        }
        int first = firstDisallowed(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isPaired(text, i)) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                if (isNoncharacter(codePoint)) {
                    out.append(REPLACEMENT);
                } else {
                    out.appendCodePoint(codePoint);
                }
            } else if (isControl(c)) {
                continue;
            } else {
                out.append(Character.isSurrogate(c) || isNoncharacter(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /**
     * The text with every unpaired surrogate replaced by U+FFFD, so that it can be written as UTF-8
     * (an error message that echoes a client's property name, say); the same string when there is none.
     */
    public static String writable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isPaired(text, i)) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(REPLACEMENT);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Unicode's 66 noncharacters: U+FDD0..U+FDEF and the last two code points of every plane. */
    static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    private static boolean isPaired(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
