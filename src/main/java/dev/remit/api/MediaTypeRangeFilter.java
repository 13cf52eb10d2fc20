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
 * A request whose Content-Type is a range ({@code *}{@code /*}, {@code application/*}) says nothing
 * of its body, and Spring refuses to read such a request's headers at all (an exception, not a
 * refusal). It gets the answer any Content-Type other than JSON gets: 400 in HighLevel's shape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class MediaTypeRangeFilter extends OncePerRequestFilter {

    static final String MESSAGE = "Content-Type must be application/json";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isRange(request.getContentType())) {
            ErrorBodies.write(response, HttpStatus.BAD_REQUEST, MESSAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isRange(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return false; // not a media type at all: the usual refusal follows where a body is read
        }
    }
}
