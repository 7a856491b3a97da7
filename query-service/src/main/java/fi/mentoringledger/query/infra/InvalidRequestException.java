package fi.mentoringledger.query.infra;

import java.util.List;

/** A request whose parameters do not fit; answered with 400 and every offending field. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** One entry of a problem body's {@code errors}. */
    public record FieldProblem(String field, String message) {
    }
}
