package dev.gradserve.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (errors that happen outside Spring MVC, e.g. in a filter), as
 * a problem like every other error. Asked for directly, /error is simply not an endpoint: 404.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.valueOf(value)
                : HttpStatus.NOT_FOUND;
        String detail = code == null ? "there is no endpoint " + request.getMethod() + " /error"
                : status.is5xxServerError() ? "The server failed to answer this request; it has been logged."
                : status.getReasonPhrase();
        String type = status.is5xxServerError() ? ProblemHandler.INTERNAL
                : "urn:gradserve:problem:" + status.name().toLowerCase().replace('_', '-');
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemHandler.problem(status, type, status.getReasonPhrase(), detail, List.of()));
    }
}
