package dev.gradserve.api;

import jakarta.servlet.http.HttpServletRequest;

/** Who is calling, as far as sessions are concerned: the fingerprint of their API key, or null when keys are off. */
final class Owners {

    static final String ATTRIBUTE = "gradserve.owner";

    private Owners() {}

    static String of(HttpServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }
}
