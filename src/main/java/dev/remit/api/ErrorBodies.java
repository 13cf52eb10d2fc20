package dev.remit.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;

import jakarta.servlet.http.HttpServletResponse;

/** HighLevel's error body written by hand, where no message converter is at hand (filters, the container). */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] body = json(status, message).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** {@code {"statusCode":...,"message":"...","error":"..."}}; the message is always one of remit's own words. */
    static String json(HttpStatus status, String message) {
        return "{\"statusCode\":" + status.value() + ",\"message\":\"" + escape(message) + "\",\"error\":\""
                + escape(ApiException.phrase(status)) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
