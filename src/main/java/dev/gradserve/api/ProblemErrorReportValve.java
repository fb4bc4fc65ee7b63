package dev.gradserve.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (requests it refuses before any filter runs: a bad escape, an encoded
 * slash, a header too large) as problem+json with the security headers, instead of its HTML page.
 * Installed on the host by {@link WebServerSettings}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String type = status >= 500 ? ProblemHandler.INTERNAL : ProblemHandler.MALFORMED;
        String title = status >= 500 ? "Internal error" : "Malformed request";
        String detail = status >= 500 ? "The server failed to answer this request."
                : "The server could not read the request line or its headers (an invalid escape, an encoded slash or "
                        + "NUL in the path, or a line longer than 8 KB).";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            SecurityHeadersFilter.addTo(response);
            if (response.getHeader(RequestIdFilter.HEADER) == null) {
                response.setHeader(RequestIdFilter.HEADER, UUID.randomUUID().toString());
            }
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\",\"errors\":[{\"pointer\":\"\",\"message\":\"" + detail + "\"}]}");
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer has started: nothing more to say
        }
    }
}
