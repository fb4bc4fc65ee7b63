package dev.gradserve.reliability;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An answer as the client saw it, with the checks every answer of gradserve must pass. */
final class Reply {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What would give away the implementation: stack frames, Java package names, exception class names. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\b(java|javax|jakarta|sun|jdk|org\\.springframework|org\\.apache|org\\.nd4j"
                    + "|org\\.bytedeco|tools\\.jackson|com\\.fasterxml|io\\.lettuce|dev\\.gradserve)\\.[A-Za-z]"
                    + "|\\b[A-Z][A-Za-z]*(Exception|Error)\\b");

    static final List<String> SECURITY_HEADERS = List.of("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
            "Content-Security-Policy");

    private final HttpResponse<String> response;
    final long nanos;

    Reply(HttpResponse<String> response, long nanos) {
        this.response = response;
        this.nanos = nanos;
    }

    int status() {
        return response.statusCode();
    }

    String body() {
        return response.body();
    }

    Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    List<String> headers(String name) {
        return response.headers().allValues(name);
    }

    JsonNode json() {
        return JSON.readTree(response.body());
    }

    boolean isProblem() {
        return header("Content-Type").orElse("").startsWith("application/problem+json");
    }

    /**
     * What is wrong with this answer as an error of gradserve: it must be problem+json with a gradserve
     * type, a title, the HTTP status and an errors array, and name nothing internal. Text that the request
     * itself carried (and an error message may quote) does not count as internal.
     */
    List<String> problemFailures(String request) {
        List<String> failures = new ArrayList<>();
        if (!isProblem()) {
            failures.add("Content-Type is " + header("Content-Type").orElse("(none)") + ", not application/problem+json");
            return failures;
        }
        JsonNode problem;
        try {
            problem = json();
        } catch (RuntimeException notJson) {
            failures.add("the problem is not JSON");
            return failures;
        }
        if (!problem.path("type").asString("").startsWith("urn:gradserve:problem:")) {
            failures.add("type is " + problem.path("type"));
        }
        if (!problem.path("title").isString() || problem.path("title").asString().isBlank()) {
            failures.add("no title");
        }
        if (problem.path("status").asInt(-1) != status()) {
            failures.add("status member " + problem.path("status") + " is not the HTTP status " + status());
        }
        if (!problem.path("errors").isArray()) {
            failures.add("no errors array");
        }
        failures.addAll(internalsFailures(request));
        return failures;
    }

    /** Stack traces, package or exception class names in the body that the request did not bring itself. */
    List<String> internalsFailures(String request) {
        List<String> failures = new ArrayList<>();
        Matcher matcher = INTERNALS.matcher(body());
        while (matcher.find()) {
            if (request == null || !request.contains(matcher.group())) {
                failures.add("names internals: '" + matcher.group() + "'");
            }
        }
        return failures;
    }

    /** The security headers every answer carries, and X-Request-Id. */
    List<String> headerFailures() {
        List<String> failures = new ArrayList<>();
        for (String name : SECURITY_HEADERS) {
            if (header(name).isEmpty()) {
                failures.add("no " + name);
            }
        }
        if (header("X-Request-Id").isEmpty()) {
            failures.add("no X-Request-Id");
        }
        return failures;
    }

    @Override
    public String toString() {
        String text = body() == null ? "" : body();
        return status() + " " + header("Content-Type").orElse("") + " "
                + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
    }
}
