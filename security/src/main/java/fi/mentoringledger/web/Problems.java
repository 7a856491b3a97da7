package fi.mentoringledger.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import fi.mentoringledger.web.InvalidRequestException.FieldProblem;

/** The RFC 9457 bodies of the command API: a type under {@code urn:mentoring-ledger:problem:}, a title and a detail. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:mentoring-ledger:problem:" + type));
        problem.setTitle(title);
        return problem;
    }

    /** A 400 naming every invalid field, in a stable order. */
    public static ProblemDetail invalid(List<FieldProblem> problems) {
        List<FieldProblem> sorted = problems.stream()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        String detail = sorted.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        problem.setProperty("errors", sorted);
        return problem;
    }
}
