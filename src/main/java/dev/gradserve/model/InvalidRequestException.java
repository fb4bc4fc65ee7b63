package dev.gradserve.model;

import java.util.List;

/** A request that was read but cannot be computed: wrong shapes, values out of range, limits passed. */
public class InvalidRequestException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid request" : violations.get(0).pointer() + ": " + violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String pointer, String message) {
        this(List.of(new Violation(pointer, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
