package fi.mentoringledger.command.infra;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import fi.mentoringledger.eventstore.DatabaseFailures;
import fi.mentoringledger.web.InvalidRequestException;
import fi.mentoringledger.web.InvalidRequestException.FieldProblem;
import fi.mentoringledger.web.Problems;

/**
 * Maps what the web and the infrastructure refuse to RFC 9457 problem bodies: invalid or unreadable
 * requests, an unknown aggregate, a lost race, an unreachable database, and the last resort for
 * everything else. The relationship's own refusals are mapped beside their rules. Bodies never carry
 * stack traces, SQL or the request's own text beyond the field names.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    private static final long RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return invalid(e.problems());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknownRelationship(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "there is no relationship " + e.getAggregateIdentifier());
    }

    /** Still losing the race for the relationship's next sequence number after the retries. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail concurrentChange(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "the relationship was changed by other requests at the same time; nothing was recorded, try again");
        problem.setProperty("rule", "concurrent-modification");
        return problem;
    }

    /**
     * PostgreSQL unreachable (restarting, refusing connections, a connection cut) surfaces wrapped in
     * whatever layer noticed it: a 503 the client may retry, not a defect. A commit whose answer was
     * lost may still have been recorded, which is why a retry should carry the same ids.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseFailures.unreachableIsCauseOf(e)) {
            log.warn("the event store is unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Event store unavailable",
                            "the event store cannot be reached at the moment, so the command was most likely not "
                                    + "recorded; send it again later (a command with its own ids or an If-Match is "
                                    + "safe to repeat)"));
        }
        log.error("request failed unexpectedly", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "the request could not be completed; nothing was recorded unless a retry says otherwise"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof RequestBodyGuard.BodyTooLargeException tooLarge) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(RequestBodyGuard.tooLarge(tooLarge.limit(),
                    ((ServletWebRequest) request).getRequest().getRequestURI()));
        }
        return ResponseEntity.badRequest().body(invalid(List.of(unreadable(e.getCause()))));
    }

    private static FieldProblem unreadable(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldProblem(path(unknown), "is not a field of this request");
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType() != null) {
            Class<?> target = format.getTargetType();
            String expected = target.isEnum()
                    ? "must be one of " + Arrays.toString(target.getEnumConstants())
                    : target == java.time.LocalDate.class ? "must be a real date as YYYY-MM-DD"
                    : "must be a " + target.getSimpleName();
            return new FieldProblem(path(format), expected);
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return new FieldProblem(path(mismatch), "has the wrong type");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new FieldProblem(path(mapping), "cannot be read");
        }
        if (cause instanceof JsonProcessingException) {
            return new FieldProblem("body", "is not well-formed JSON");
        }
        return new FieldProblem("body", "is missing or not readable as JSON");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private static ProblemDetail invalid(List<FieldProblem> problems) {
        return Problems.invalid(problems);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }
}
