package fi.mentoringledger.web;

import java.util.List;

/** A request that is well-formed JSON but invalid in ways Bean Validation cannot see (HTTP 400). */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** One entry of a problem body's {@code errors}. */
    public record FieldProblem(String field, String message) {
    }
}
