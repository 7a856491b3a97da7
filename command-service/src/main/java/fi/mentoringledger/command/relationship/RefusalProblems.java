package fi.mentoringledger.command.relationship;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import fi.mentoringledger.web.InvalidRequestException.FieldProblem;
import fi.mentoringledger.web.Problems;
import fi.mentoringledger.eventstore.personaldata.PersonErasedException;

/**
 * How a client is told of a {@link Refusal}: the one place that maps the relationship's refusals to
 * problems. The rules are the aggregate's; this only chooses the status and the shape. Ordered
 * before the infrastructure's handling, whose last resort takes every other exception.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusalProblems {

    @ExceptionHandler(Refusal.class)
    ProblemDetail refused(Refusal refusal) {
        String detail = refusal.getMessage();
        return switch (refusal.kind()) {
            case INVALID_DATE -> Problems.invalid(List.of(new FieldProblem(refusal.field(), refusal.reason())));
            case HIDDEN, UNKNOWN -> Problems.of(HttpStatus.NOT_FOUND, refusal.rule(), "Not found", detail);
            case FORBIDDEN -> Problems.of(HttpStatus.FORBIDDEN, refusal.rule(), "Forbidden", detail);
            case NOT_ALLOWED_IN_STAGE -> {
                ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, refusal.rule(),
                        "Action not allowed in this stage", detail);
                problem.setProperty("stage", refusal.stage());
                problem.setProperty("action", refusal.action());
                yield problem;
            }
            case RULE -> {
                ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, refusal.rule(),
                        "Refused by a rule of the relationship", detail);
                problem.setProperty("rule", refusal.rule());
                problem.setProperty("stage", refusal.stage());
                yield problem;
            }
            case PERSON_ERASED -> {
                ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, refusal.rule(), "Person erased", detail);
                problem.setProperty("rule", refusal.rule());
                yield problem;
            }
            case STALE_VERSION -> {
                ProblemDetail problem = Problems.of(HttpStatus.PRECONDITION_FAILED, refusal.rule(), "Stale version",
                        detail);
                problem.setProperty("expectedVersion", refusal.expectedVersion());
                problem.setProperty("currentVersion", refusal.currentVersion());
                yield problem;
            }
        };
    }

    /** The key store refusing to seal data of an erased person, should an erasure land while a command runs. */
    @ExceptionHandler(PersonErasedException.class)
    ProblemDetail personErased(PersonErasedException e) {
        return refused(Refusal.personErased(e.personId()));
    }
}
