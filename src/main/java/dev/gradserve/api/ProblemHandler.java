package dev.gradserve.api;

import dev.gradserve.compute.NonFiniteResultException;
import dev.gradserve.compute.OutOfDomainException;
import dev.gradserve.expression.NonFiniteNodeException;
import dev.gradserve.model.InvalidRequestException;
import dev.gradserve.model.Violation;
import dev.gradserve.training.IdempotencyKeyReusedException;
import dev.gradserve.training.SessionLimitException;
import dev.gradserve.training.SessionNotFoundException;
import dev.gradserve.training.VersionMismatchException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Every error as RFC 9457 problem+json. Problems with the request carry {@code errors}: a JSON
 * Pointer into the body and a message for each. Nothing internal (stack traces, class names)
 * reaches a client.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    static final String MALFORMED = "urn:gradserve:problem:malformed-request";
    static final String INVALID = "urn:gradserve:problem:invalid-request";
    static final String NON_FINITE = "urn:gradserve:problem:non-finite-result";
    static final String TOO_LARGE = "urn:gradserve:problem:payload-too-large";
    static final String INTERNAL = "urn:gradserve:problem:internal-error";
    static final String SESSION_NOT_FOUND = "urn:gradserve:problem:session-not-found";
    static final String VERSION_MISMATCH = "urn:gradserve:problem:version-mismatch";
    static final String KEY_REUSED = "urn:gradserve:problem:idempotency-key-reused";
    static final String SESSION_LIMIT = "urn:gradserve:problem:session-limit";
    static final String STORE_UNAVAILABLE = "urn:gradserve:problem:store-unavailable";
    static final String UNAUTHORIZED = "urn:gradserve:problem:unauthorized";
    static final String OVERLOADED = "urn:gradserve:problem:overloaded";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException exception) {
        return answer(problem(HttpStatus.UNPROCESSABLE_CONTENT, INVALID, "Invalid request",
                "The request was read, but cannot be computed as it is.", exception.violations()));
    }

    @ExceptionHandler(NonFiniteResultException.class)
    ResponseEntity<Object> nonFinite(NonFiniteResultException exception, HttpServletRequest request) {
        String pointer = !networkInBody(request) ? ""
                : exception.layerIndex() >= 0 ? "/network/layers/" + exception.layerIndex() : "/network/loss";
        return answer(problem(HttpStatus.UNPROCESSABLE_CONTENT, NON_FINITE, "Result is not finite",
                "The computation overflowed or became undefined, and JSON cannot carry NaN or Infinity.",
                List.of(new Violation(pointer, exception.getMessage()))));
    }

    @ExceptionHandler(NonFiniteNodeException.class)
    ResponseEntity<Object> nonFiniteNode(NonFiniteNodeException exception) {
        return answer(problem(HttpStatus.UNPROCESSABLE_CONTENT, NON_FINITE, "Result is not finite",
                "The computation overflowed or became undefined, and JSON cannot carry NaN or Infinity.",
                List.of(new Violation("/expression", exception.getMessage()))));
    }

    @ExceptionHandler(OutOfDomainException.class)
    ResponseEntity<Object> outOfDomain(OutOfDomainException exception, HttpServletRequest request) {
        return answer(problem(HttpStatus.UNPROCESSABLE_CONTENT, INVALID, "Invalid request",
                "The loss cannot take the network's outputs.",
                List.of(new Violation(networkInBody(request) ? "/network/loss" : "", exception.getMessage()))));
    }

    /** Stateless calls carry the network in their body; calls on a session do not, so a pointer cannot name it. */
    private static boolean networkInBody(HttpServletRequest request) {
        return !ApiPaths.isSession(request);
    }

    /** A query parameter that does not convert, e.g. ?tensorEncoding=hex. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = exception.getPropertyName() == null ? "a parameter" : "'" + exception.getPropertyName() + "'";
        Throwable cause = exception.getMostSpecificCause();
        String message = "query parameter " + name + ": " + (cause instanceof IllegalArgumentException ? cause.getMessage()
                : "cannot read '" + exception.getValue() + "'");
        return answer(problem(HttpStatus.BAD_REQUEST, MALFORMED, "Malformed request", message,
                List.of(new Violation("", message))));
    }

    @ExceptionHandler(SessionNotFoundException.class)
    ResponseEntity<Object> sessionNotFound(SessionNotFoundException exception) {
        return answer(problem(HttpStatus.NOT_FOUND, SESSION_NOT_FOUND, "Session not found", exception.getMessage(), List.of()));
    }

    @ExceptionHandler(VersionMismatchException.class)
    ResponseEntity<Object> versionMismatch(VersionMismatchException exception) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, VERSION_MISMATCH, "Version mismatch",
                exception.getMessage(), List.of());
        problem.setProperty("currentVersion", exception.current());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .eTag(ETags.of(exception.current())).body(problem);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<Object> keyReused(IdempotencyKeyReusedException exception) {
        return answer(problem(HttpStatus.UNPROCESSABLE_CONTENT, KEY_REUSED, "Idempotency-Key reused", exception.getMessage(),
                List.of(new Violation("", exception.getMessage()))));
    }

    /** The client's own limit is 429; the server being full is 503. */
    @ExceptionHandler(SessionLimitException.class)
    ResponseEntity<Object> sessionLimit(SessionLimitException exception) {
        HttpStatus status = exception.perClient() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "60")
                .body(problem(status, SESSION_LIMIT, "Too many sessions", exception.getMessage(), List.of()));
    }

    /** Redis unreachable, timing out or failing: session calls wait for it; stateless calls never touch it. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Object> storeUnavailable(DataAccessException exception) {
        log.warn("Session store unavailable: {}", exception.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, STORE_UNAVAILABLE, "Session store unavailable",
                        "The session store does not answer; nothing was changed. Retry shortly.", List.of()));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException exception) {
        return answer(payloadTooLarge(exception));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception exception) {
        log.error("Unexpected failure", exception);
        return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL, "Internal error",
                "The server failed to answer this request; it has been logged.", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return answer(payloadTooLarge(tooLarge));
            }
        }
        Violation violation = exception.getCause() instanceof JacksonException jackson ? JsonErrors.describe(jackson)
                : new Violation("", "a JSON body is required");
        return answer(problem(HttpStatus.BAD_REQUEST, MALFORMED, "Malformed request",
                "The body is not JSON of the shape this call takes.", List.of(violation)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Violation> violations = exception.getBindingResult().getFieldErrors().stream()
                .map(error -> new Violation(pointerOf(error.getField()), error.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(Violation::pointer))
                .toList();
        return answer(problem(HttpStatus.UNPROCESSABLE_CONTENT, INVALID, "Invalid request",
                "The request was read, but some fields are missing or out of range.", violations));
    }

    /**
     * Spring's own problems (404, 405, 406, 415, …) get a type and an {@code errors} list like ours,
     * so that every error a client sees has the same shape.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(exception, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("errors"))) {
            if (exception instanceof NoResourceFoundException notFound) {
                problem.setDetail("there is no endpoint " + notFound.getHttpMethod() + " /" + notFound.getResourcePath()
                        + "; the API is described at /v3/api-docs");
            }
            if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
                HttpStatus known = HttpStatus.resolve(status.value());
                String name = known == null ? Integer.toString(status.value()) : known.name().toLowerCase().replace('_', '-');
                problem.setType(URI.create("urn:gradserve:problem:" + name));
            }
            problem.setProperty("errors", List.of(Map.of("pointer", "", "message", String.valueOf(problem.getDetail()))));
        }
        return response;
    }

    static ProblemDetail payloadTooLarge(PayloadTooLargeException exception) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, "Payload too large", exception.getMessage(),
                List.of(new Violation("", exception.getMessage())));
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail, List<Violation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        problem.setProperty("errors", errors.stream().map(v -> Map.of("pointer", v.pointer(), "message", v.message())).toList());
        return problem;
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A Bean Validation property path, {@code network.layers[0].units}, as a JSON Pointer. */
    static String pointerOf(String propertyPath) {
        StringBuilder pointer = new StringBuilder();
        for (String part : propertyPath.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (!name.isEmpty()) {
                pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            }
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                pointer.append('/').append(part, bracket + 1, close);
                bracket = part.indexOf('[', close);
            }
        }
        return pointer.toString();
    }
}
