package io.reelflow.platform.web;

import java.util.List;

/**
 * A resource named in the path, or referenced by a field of the body or a query parameter (a title id, a deal, an
 * agreement), does not exist. Answered 404; a reference names its field, as a 400 does. Nothing is stored.
 */
public class NotFoundException extends RuntimeException {

    private final List<FieldProblem> problems;

    public NotFoundException(String message) {
        super(message);
        this.problems = List.of();
    }

    /** Unknown references of a request, each with the field that names it. */
    public NotFoundException(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.reason()).reduce((a, b) -> a + "; " + b).orElse("not found"));
        this.problems = List.copyOf(problems);
    }

    public NotFoundException(String field, String reason) {
        this(List.of(new FieldProblem(field, reason)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
