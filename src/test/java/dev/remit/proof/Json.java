package dev.remit.proof;

import java.util.List;
import java.util.Map;

/**
 * A tiny JSON writer for fuzzed bodies, because a proper one refuses to write what a fuzzer needs:
 * duplicated keys, numbers as raw tokens ({@code 1e309}, {@code -0}), lone surrogates as escapes,
 * and verbatim fragments (deep nesting, broken text). Trees are Maps, Lists, Strings, Numbers,
 * Booleans, null, {@link Raw} and {@link Dup}.
 */
final class Json {

    private Json() {
    }

    /** Written exactly as given. */
    record Raw(String text) {
    }

    /** An object member written twice: the original value, then {@code second}. */
    record Dup(Object first, Object second) {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof Dup dup) {
                    first = member(String.valueOf(e.getKey()), dup.first(), first, out);
                    first = member(String.valueOf(e.getKey()), dup.second(), first, out);
                } else {
                    first = member(String.valueOf(e.getKey()), e.getValue(), first, out);
                }
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Dup dup) {
            write(dup.second(), out);
        } else {
            string(String.valueOf(value), out);
        }
    }

    private static boolean member(String key, Object value, boolean first, StringBuilder out) {
        if (!first) {
            out.append(',');
        }
        string(key, out);
        out.append(':');
        write(value, out);
        return false;
    }

    /** Control characters and every surrogate as \\u escapes, so lone surrogates reach the server as JSON allows. */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !pairAt(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        out.append(c).append(s.charAt(++i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
