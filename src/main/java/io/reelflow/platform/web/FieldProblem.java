package io.reelflow.platform.web;

/** One reason an input was refused: which field (JSON path, form field or CSV column) and why. */
public record FieldProblem(String field, String reason) {
}
