package dev.remit.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors that never reached a controller (a filter's, the container's own) in the same JSON shape.
 * Asked for directly, {@code /error} is a path like any unknown one.
 */
@RestController
class ApiErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorController.class);

    @RequestMapping(path = "/error", produces = MediaType.ALL_VALUE)
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (code == null) {
            return json(HttpStatus.NOT_FOUND, ApiExceptionHandler.cannot(request));
        }
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (RequestSizeFilter.isTooLarge(failure)) {
            return json(HttpStatus.PAYLOAD_TOO_LARGE, RequestSizeFilter.MESSAGE);
        }
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        if (status == null || status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status.is5xxServerError()) {
            log.error("{} {} failed with {} (request {})", request.getMethod(), uri, status.value(),
                    RequestIdFilter.idOf(request), failure);
        }
        String message = switch (status) {
            case NOT_FOUND -> "Cannot " + request.getMethod() + " " + uri;
            case INTERNAL_SERVER_ERROR -> "Internal server error";
            default -> status.getReasonPhrase();
        };
        return json(status, message);
    }

    private static ResponseEntity<ApiError> json(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), message, ApiException.phrase(status)));
    }
}
