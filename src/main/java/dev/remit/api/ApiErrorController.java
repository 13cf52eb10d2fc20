package dev.remit.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/** Errors that never reached a controller (the container's own) in the same JSON shape. */
@RestController
public class ApiErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorController.class);

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status.is5xxServerError()) {
            log.error("{} failed (request {})", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    RequestIdFilter.current(), (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        }
        String message = switch (status) {
            case NOT_FOUND -> "Cannot " + request.getMethod() + " " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            case INTERNAL_SERVER_ERROR -> "Internal server error";
            default -> status.getReasonPhrase();
        };
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(new ApiError(status.value(), message, ApiException.phrase(status)));
    }
}
