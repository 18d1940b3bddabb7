package io.reelflow.platform.web;

import java.util.List;

/** The request collides with what is already recorded (e.g. same CRM deal id, other terms). Answered 409. */
public class ConflictException extends RuntimeException {

    private final List<FieldProblem> differences;

    public ConflictException(String message, List<FieldProblem> differences) {
        super(message);
        this.differences = List.copyOf(differences);
    }

    public List<FieldProblem> differences() {
        return differences;
    }
}
