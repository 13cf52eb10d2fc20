package dev.remit.api;

import java.sql.SQLException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;

/** Every failure as HighLevel's error body; nothing internal (class names, SQL, traces) is ever written. */
@RestControllerAdvice
class ApiExceptionHandler {

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

    /**
     * The database is out of reach (restarting, say): a 503 the client may retry, not a 500. Nothing was
     * committed (a commit that failed on a lost connection has an unknown outcome, and says so by not being a 200). Seen when PostgreSQL was restarted under load (faults/pg-restart.sh).
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class, TransactionSystemException.class})
    ResponseEntity<ApiError> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("{} {}: the database is unavailable ({})", request.getMethod(), request.getRequestURI(), e.getMessage());
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).header("Retry-After", "1")
                .body(new ApiError(status.value(), "The database is unavailable; try again shortly", ApiException.phrase(status)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> notJson(HttpMessageNotReadableException e) {
        if (RequestSizeFilter.isTooLarge(e)) {
            return tooLarge();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableNumberException number) {
                return respond(ApiException.unprocessable(number.path().isEmpty() ? "request body must be a JSON object"
                        : number.path() + " " + RequestBinder.NOT_A_NUMBER));
            }
        }
        return respond(ApiException.badRequest("Request body is not valid JSON"));
    }

    @ExceptionHandler(RequestSizeFilter.PayloadTooLargeException.class)
    ResponseEntity<ApiError> payloadTooLarge(RequestSizeFilter.PayloadTooLargeException e) {
        return tooLarge();
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return respond(ApiException.unprocessable(e.getParameterName() + " should not be empty"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> wrongParameterType(MethodArgumentTypeMismatchException e) {
        return respond(ApiException.unprocessable(e.getName() + " is invalid"));
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
        if (RequestSizeFilter.isTooLarge(e)) {
            return tooLarge();
        }
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            // Spring's own refusals (406, 415, a missing header, ...): their status, in our words.
            HttpStatus status = HttpStatus.resolve(known.getStatusCode().value());
            if (status != null) {
                return json(status, new ApiError(status.value(), status.getReasonPhrase(), ApiException.phrase(status)));
            }
        }
        log.error("{} {} failed (request {})", request.getMethod(), request.getRequestURI(), RequestIdFilter.current(), e);
        return json(HttpStatus.INTERNAL_SERVER_ERROR, new ApiError(500, "Internal server error", "Internal Server Error"));
    }

    /** NestJS's words for a route it does not have. */
    static String cannot(HttpServletRequest request) {
        return "Cannot " + request.getMethod() + " " + request.getRequestURI();
    }

    private static ResponseEntity<ApiError> tooLarge() {
        HttpStatus status = HttpStatus.PAYLOAD_TOO_LARGE;
        return json(status, new ApiError(status.value(), RequestSizeFilter.MESSAGE, ApiException.phrase(status)));
    }

    private static ResponseEntity<ApiError> respond(ApiException e) {
        return json(e.status(), e.toBody());
    }

    /** Always JSON, whatever the caller's Accept header asked for. */
    private static ResponseEntity<ApiError> json(HttpStatus status, ApiError body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
