package dev.gradserve.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.AbstractProtocol;

/**
 * Tomcat's own error answers (requests it refuses before any filter runs: a bad escape, an encoded
 * slash, a header too large; and a body that could not be read) as problem+json with the security headers,
 * instead of its HTML page. Such a 400 while the server is shutting down is a {@code 503} (Tomcat refused the
 * request before the application saw it, so nothing was computed or changed; the client retries): a stop that cuts
 * a connection mid-request is not the client's fault, and a graceful stop has been seen to make Tomcat refuse a
 * request sent as it began with a 400 about its request line, whose cause is not known.
 * Installed on the host by {@link WebServerSettings}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        boolean bodyUnread = status == 400 && throwable instanceof IOException;
        Answer answer = answer(status, bodyUnread, status == 400 && stopping(request));
        if (answer.status() == 503) {
            response.setStatus(503);
            response.setHeader("Retry-After", "1");
            response.setHeader("Connection", "close");
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            SecurityHeadersFilter.addTo(response);
            if (response.getHeader(RequestIdFilter.HEADER) == null) {
                response.setHeader(RequestIdFilter.HEADER, UUID.randomUUID().toString());
            }
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + answer.type() + "\",\"title\":\"" + answer.title() + "\",\"status\":"
                        + answer.status() + ",\"detail\":\"" + answer.detail() + "\",\"errors\":[{\"pointer\":\"\",\"message\":\""
                        + answer.detail() + "\"}]}");
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer has started: nothing more to say
        }
    }

    /** What Tomcat's refusal says. */
    record Answer(int status, String type, String title, String detail) {}

    /**
     * @param status     what Tomcat refuses with
     * @param bodyUnread the refusal is a 400 because reading the body failed (it ended early, or the connection did)
     * @param stopping   the refusal is a 400 and the connector no longer takes requests
     */
    static Answer answer(int status, boolean bodyUnread, boolean stopping) {
        if (stopping) {
            return new Answer(503, ProblemHandler.OVERLOADED, "Shutting down", "The server is shutting down and did "
                    + "not take this request: nothing was computed or changed; retry.");
        } else if (status >= 500) {
            return new Answer(status, ProblemHandler.INTERNAL, "Internal error", "The server failed to answer this request.");
        } else if (bodyUnread) {
            return new Answer(status, ProblemHandler.MALFORMED, "Malformed request", "The server could not read the "
                    + "request body: it ended before its Content-Length, or the connection failed.");
        }
        return new Answer(status, ProblemHandler.MALFORMED, "Malformed request", "The server could not read the request "
                + "line or its headers (an invalid escape, an encoded slash or NUL in the path, or a line longer than "
                + "8 KB).");
    }

    /** Whether the connector no longer takes requests (a graceful shutdown pauses it, then it stops). */
    static boolean stopping(Request request) {
        Connector connector = request.getConnector();
        return connector == null || connector.getState() != LifecycleState.STARTED
                || connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol && protocol.isPaused();
    }
}
