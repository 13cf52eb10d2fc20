package dev.remit.api;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses, on every path, a Content-Type that names no single media type (unparsable, or a wildcard
 * such as {@code *}{@code /*}) with 415 in HighLevel's error shape. Spring takes the header for a
 * valid type wherever it reads it and fails with an internal error otherwise.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ContentTypeFilter extends OncePerRequestFilter {

    static final String MESSAGE = "Content-Type is not a valid media type";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank() && !isConcrete(contentType)) {
            ErrorBodies.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, MESSAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isConcrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isConcrete();
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
