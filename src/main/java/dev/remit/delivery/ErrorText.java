package dev.remit.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Short, one-line error texts for the delivery log: no stack traces, no class names, no secrets. */
final class ErrorText {

    static final int MAX = 300;
    private static final Pattern SPACE = Pattern.compile("\\s+");
    /** {@code java.net.ConnectException: }, {@code org.xml.sax.SAXParseException; }, JavaMail's "nested exception is:". */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "(?:nested exception is:?\\s*)|(?:\\b[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b[:;]?\\s*");
    private static final List<String> SECRETS = new ArrayList<>();

    private ErrorText() {
    }

    /** Values that must never appear in a stored error (passwords, tokens), replaced by {@code ***}. */
    static synchronized void secret(String value) {
        if (value != null && value.length() >= 4 && !SECRETS.contains(value)) {
            SECRETS.add(value);
        }
    }

    static String of(Throwable error) {
        String message = error.getMessage();
        return clean(message == null || message.isBlank() ? "no details given" : message);
    }

    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String result = SPACE.matcher(CLASS_NAME.matcher(text).replaceAll("")).replaceAll(" ").trim();
        synchronized (ErrorText.class) {
            for (String secret : SECRETS) {
                result = result.replace(secret, "***");
            }
        }
        return result.length() > MAX ? result.substring(0, MAX - 3) + "..." : result;
    }
}
