package dev.remit.api;

import dev.remit.text.TextRule;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * HighLevel's error body: {@code statusCode}, {@code message} (a string, or for 422 an array naming
 * every violated constraint) and {@code error}, the status phrase. Messages may echo what a client sent
 * (a property name, a path), so every body is bounded here, whoever builds it: each message at most
 * {@value #MAX_MESSAGE_LENGTH} characters, an array at most {@value #MAX_MESSAGES} of them, cut with an
 * ellipsis, and unpaired surrogates replaced so that the body can be written as UTF-8.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int statusCode, Object message, String error) {

    public static final int MAX_MESSAGE_LENGTH = 300;
    public static final int MAX_MESSAGES = 100;

    public ApiError {
        message = bounded(message);
    }

    private static Object bounded(Object message) {
        if (message instanceof String text) {
            return bounded(text);
        }
        if (message instanceof List<?> list) {
            List<String> out = new ArrayList<>(Math.min(list.size(), MAX_MESSAGES));
            int kept = list.size() > MAX_MESSAGES ? MAX_MESSAGES - 1 : list.size();
            for (int i = 0; i < kept; i++) {
                out.add(bounded(String.valueOf(list.get(i))));
            }
            if (kept < list.size()) {
                out.add("… and " + (list.size() - kept) + " more");
            }
            return List.copyOf(out);
        }
        return message;
    }

    static String bounded(String text) {
        String cut = text;
        if (text.length() > MAX_MESSAGE_LENGTH) {
            int end = MAX_MESSAGE_LENGTH - 1;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            cut = text.substring(0, end) + "…";
        }
        return TextRule.writable(cut);
    }
}
