package dev.remit.text;

/**
 * Text every document remit writes can hold: HTML, the XHTML a PDF is rendered from, an email's
 * MIME parts and headers, an SMS, JSON, a PostgreSQL text column. XML 1.0 refuses C0 control
 * characters other than tab, line feed and carriage return, unpaired surrogates, U+FFFE and U+FFFF;
 * PostgreSQL refuses NUL; UTF-8 cannot encode an unpaired surrogate. Anything may have stored such
 * text (an older row, the admin command, a direct database write), and showing it must not fail:
 * control characters are dropped, the others become U+FFFD (the replacement character).
 */
public final class RenderableText {

    public static final char REPLACEMENT = '\uFFFD';

    private RenderableText() {
    }

    /** The text with every unrenderable character dropped or replaced; the same instance when there is none. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnrenderable(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, first);
        int i = first;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (isControl(c)) {
                // dropped: invisible anyway
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    /** The index of the first character {@link #of} would drop or replace, or -1 when the text is renderable. */
    public static int firstUnrenderable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (isControl(c) || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }
}
