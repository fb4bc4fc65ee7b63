package dev.gradserve.model;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request, so that a client learns all of them in one answer. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public void add(String pointer, String message) {
        found.add(new Violation(pointer, message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    /** Throws {@link InvalidRequestException} when anything was found. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidRequestException(list());
        }
    }

    /** Appends a reference token to a JSON Pointer, escaping {@code ~} and {@code /} as RFC 6901 says. */
    public static String pointer(String base, Object token) {
        return base + "/" + token.toString().replace("~", "~0").replace("/", "~1");
    }
}
