package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.junit.jupiter.api.Test;

/**
 * Tomcat's own refusals as problem+json: a request it could not read is the client's fault (400) while the
 * connector takes requests, and a retryable 503 once it does not (a graceful shutdown cut the read short).
 */
class ProblemErrorReportValveTest {

    @Test
    void aBodyCutShortWhileTheServerStopsIsARetryable503() {
        ProblemErrorReportValve.Answer answer = ProblemErrorReportValve.answer(400, true, true);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.type()).isEqualTo(ProblemHandler.OVERLOADED);
        assertThat(answer.detail()).contains("nothing was computed or changed; retry");
    }

    @Test
    void aBodyCutShortWhileTheServerRunsIsA400AboutTheBody() {
        ProblemErrorReportValve.Answer answer = ProblemErrorReportValve.answer(400, true, false);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo(ProblemHandler.MALFORMED);
        assertThat(answer.detail()).contains("could not read the request body");
    }

    @Test
    void aRequestLineItCouldNotParseIsA400AboutTheRequestLine() {
        ProblemErrorReportValve.Answer answer = ProblemErrorReportValve.answer(400, false, false);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.detail()).contains("could not read the request line");
    }

    @Test
    void aRequestLineItCouldNotParseWhileTheServerStopsIsARetryable503() {
        ProblemErrorReportValve.Answer answer = ProblemErrorReportValve.answer(400, false, true);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.type()).isEqualTo(ProblemHandler.OVERLOADED);
        assertThat(answer.detail()).contains("did not take this request", "nothing was computed or changed; retry");
    }

    @Test
    void aConnectorIsStoppingUnlessStartedAndNotPaused() throws Exception {
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        Request request = new Request(connector, new org.apache.coyote.Request());
        assertThat(ProblemErrorReportValve.stopping(request)).as("not started").isTrue();
        connector.start();
        try {
            assertThat(ProblemErrorReportValve.stopping(request)).as("started").isFalse();
            connector.pause();
            assertThat(ProblemErrorReportValve.stopping(request)).as("paused, as a graceful shutdown does").isTrue();
        } finally {
            connector.stop();
            connector.destroy();
        }
    }
}
