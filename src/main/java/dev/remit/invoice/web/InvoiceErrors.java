package dev.remit.invoice.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.remit.api.ApiError;
import dev.remit.api.ApiException;
import dev.remit.invoice.InvoiceRuleException;

/** The invoice's own "no" at the edge: 422 with the rule's words, or 400 where the spec shows one. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InvoiceErrors {

    @ExceptionHandler(InvoiceRuleException.class)
    ResponseEntity<ApiError> rule(InvoiceRuleException e) {
        if (e.kind() == InvoiceRuleException.Kind.BAD_REQUEST) {
            // as the spec's own 400 examples (BadRequestDTO): statusCode and message only
            return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .body(new ApiError(400, e.getMessage(), null));
        }
        ApiException answer = ApiException.unprocessable(e.getMessage());
        return ResponseEntity.status(answer.status()).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(answer.toBody());
    }
}
