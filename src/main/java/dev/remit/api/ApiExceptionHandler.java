package dev.remit.api;

import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
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
        return respond(e);
    }

    /** Tomcat refuses a query string it cannot parse (an undecodable %-escape, say) when it is first read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ApiError> badQuery(InvalidParameterException e) {
        return respond(ApiException.badRequest("The query string is malformed"));
    }

    /**
     * A value longer than a column holds (SQLSTATE 22001), a character the database cannot store
     * (22021, PostgreSQL's NUL) or a number out of its column's range (22003):
     * the request's fault, not the server's. Fields have their own limits where the code knows them; this
     * is the net under them, found by the fuzzing campaign (issue 7).
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> dataOutOfRange(DataIntegrityViolationException e, HttpServletRequest request) {
        String state = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
        if ("22001".equals(state)) {
            return respond(ApiException.unprocessable("a value is longer than remit stores for that property"));
        }
        if ("22021".equals(state)) {
            return respond(ApiException.unprocessable("a value contains a character remit cannot store"));
        }
        if ("22003".equals(state)) {
            return respond(ApiException.unprocessable("a number is out of the range remit stores for that property"));
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> notJson(HttpMessageNotReadableException e) {
        return respond(ApiException.badRequest("Request body is not valid JSON"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> notJsonMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(ApiException.badRequest("Content-Type must be application/json"));
    }

    /** A client that accepts none of what an endpoint produces (JSON is written all the same: it is the error's only form). */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(406, "Not Acceptable", "Not Acceptable"));
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
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(500, "Internal server error", "Internal Server Error"));
    }

    /** NestJS's words for a route it does not have. */
    static String cannot(HttpServletRequest request) {
        return "Cannot " + request.getMethod() + " " + request.getRequestURI();
    }

    /** Always JSON, whatever the client's Accept: an error has no other form (and negotiating would turn it into a 500). */
    private static ResponseEntity<ApiError> respond(ApiException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(e.toBody());
    }
}
