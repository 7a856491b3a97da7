package fi.mentoringledger.query.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import fi.mentoringledger.eventstore.DatabaseFailures;
import fi.mentoringledger.web.InvalidRequestException;
import fi.mentoringledger.web.Problems;

/**
 * Maps every refusal to an RFC 9457 problem body, in the same shape as the command side's.
 * Problems are always {@code application/problem+json}, also for a client that asked for CSV.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    /** How long a client should wait before asking again while the database is unreachable. */
    private static final long RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return respond(Problems.invalid(e.problems()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }

    @ExceptionHandler(ReplayRefusedException.class)
    ResponseEntity<ProblemDetail> replayRefused(ReplayRefusedException e) {
        return respond(problem(HttpStatus.CONFLICT, "replay-refused", "Replay refused", e.getMessage()));
    }

    @ExceptionHandler(ProjectionBehindException.class)
    ResponseEntity<ProblemDetail> projectionBehind(ProjectionBehindException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(PROBLEM)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "projection-behind", "Not caught up yet", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseFailures.passingIsCauseOf(e)) {
            log.warn("the read models are unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                    .contentType(PROBLEM)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Read models unavailable",
                            "the database cannot be reached at the moment; ask again later"));
        }
        log.error("request failed unexpectedly", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the request could not be completed"));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM).body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        return Problems.of(status, type, title, detail);
    }
}
