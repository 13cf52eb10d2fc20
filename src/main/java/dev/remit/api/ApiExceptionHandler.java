package dev.remit.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;

/** Every failure as HighLevel's error body; nothing internal (class names, SQL, traces) is ever written. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.toBody());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> notJson(HttpMessageNotReadableException e) {
        return respond(ApiException.badRequest("Request body is not valid JSON"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> notJsonMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(ApiException.badRequest("Content-Type must be application/json"));
    }

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class})
    ResponseEntity<ApiError> noRoute(Exception e, HttpServletRequest request) {
        return respond(ApiException.notFound(cannot(request)));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ApiError> concurrentUpdate(OptimisticLockingFailureException e) {
        return respond(ApiException.conflict("The invoice was changed by another request; read it again and retry"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        log.error("{} {} failed (request {})", request.getMethod(), request.getRequestURI(), RequestIdFilter.current(), e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(new ApiError(500, "Internal server error", "Internal Server Error"));
    }

    /** NestJS's words for a route it does not have. */
    static String cannot(HttpServletRequest request) {
        return "Cannot " + request.getMethod() + " " + request.getRequestURI();
    }

    private static ResponseEntity<ApiError> respond(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.toBody());
    }
}
