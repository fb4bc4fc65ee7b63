package dev.gradserve.model;

/**
 * One thing wrong with a request.
 *
 * @param pointer JSON Pointer (RFC 6901) into the request body, e.g. {@code /weights/hidden/W}
 * @param message what was expected and what was found
 */
public record Violation(String pointer, String message) {}
