package dev.remit.estimate.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.remit.api.ApiError;
import dev.remit.api.ApiException;
import dev.remit.estimate.EstimateRuleException;

/** The estimate's own "no" at the edge: 422 with the rule's words, or 400 (BadRequestDTO) where it is a 400. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class EstimateErrors {

    @ExceptionHandler(EstimateRuleException.class)
    ResponseEntity<ApiError> rule(EstimateRuleException e) {
        if (e.kind() == EstimateRuleException.Kind.BAD_REQUEST) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .body(new ApiError(400, e.getMessage(), null));
        }
        ApiException answer = ApiException.unprocessable(e.getMessage());
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.toBody());
    }
}
