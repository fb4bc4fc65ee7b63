package dev.gradserve.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What every answer carries, whatever it answers: the security headers and a request id (logged with
 * the outcome, and never beside an API key), and, for errors, a problem that names nothing internal.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnswersTest {

    private static Instance server;

    @BeforeAll
    static void start() {
        server = Instance.guarded();
    }

    @Test
    void errorsOfEveryKindNameNoJavaInternals() throws Exception {
        String session = "/v1/sessions/" + LimitsTest.create(server, Instance.KEY_A);
        List<Instance.Call> errors = List.of(
                server.post("/v1/gradients", "{").key(Instance.KEY_A),
                server.post("/v1/gradients", "[1]").key(Instance.KEY_A),
                server.post("/v1/gradients", "").key(Instance.KEY_A),
                server.post("/v1/gradients", Bodies.GRADIENTS.replace("\"units\": 2", "\"units\": \"2\"")).key(Instance.KEY_A),
                server.post("/v1/gradients", Bodies.GRADIENTS.replace("\"units\": 2", "\"units\": 99999999999")).key(Instance.KEY_A),
                server.post("/v1/gradients", Bodies.GRADIENTS.replace("\"units\": 2", "\"units\": 2.5")).key(Instance.KEY_A),
                server.post("/v1/gradients", Bodies.GRADIENTS.replace("\"dense\"", "\"Dense\"")).key(Instance.KEY_A),
                server.post("/v1/gradients", Bodies.GRADIENTS.replace("0.15", "1e400")).key(Instance.KEY_A),
                server.post("/v1/gradients", Bodies.GRADIENTS.replace("\"network\"", "\"network\": null, \"network\""))
                        .key(Instance.KEY_A),
                server.post("/v1/gradients", Bodies.GRADIENTS.replace("[[0.05, 0.10]]", "{\"shape\": [1, 2], \"base64\": \"%%\"}"))
                        .key(Instance.KEY_A),
                server.post("/v1/gradients", Bodies.GRADIENTS.replace("[[0.05, 0.10]]", "[" + "[".repeat(5000) + "]".repeat(5000)
                        + "]")).key(Instance.KEY_A),
                server.post("/v1/forward", Bodies.FORWARD.replace("\"sigmoid\"", "{\"type\": \"leaky_relu\", \"alpha\": \"x\"}"))
                        .key(Instance.KEY_A),
                server.post("/v1/gradient-checks", Bodies.GRADIENTS.replace("{\"network\"", "{\"epsilon\": -1, \"network\""))
                        .key(Instance.KEY_A),
                server.call("POST", "/v1/gradients").header("Content-Type", "text/plain").body(new byte[] {1, 2}).key(Instance.KEY_A),
                server.post("/v1/gradients", Bodies.GRADIENTS).header("Accept", "application/xml").key(Instance.KEY_A),
                server.call("PATCH", "/v1/gradients").key(Instance.KEY_A),
                server.get("/v1/nothing-here").key(Instance.KEY_A),
                server.get("/nothing-here"),
                server.post(session + "/steps", Bodies.STEP).header("If-Match", "\"7\"").key(Instance.KEY_A),
                server.post(session + "/steps", Bodies.STEP).header("If-Match", "seven").key(Instance.KEY_A),
                server.post(session + "/steps", Bodies.STEP).header("Idempotency-Key", "k".repeat(300)).key(Instance.KEY_A),
                server.post(session + "/steps", "{\"inputs\": [[0.05]], \"targets\": [[0.01, 0.99]]}").key(Instance.KEY_A),
                server.call("PUT", session + "/weights").json("{\"hidden\": {}}").key(Instance.KEY_A),
                server.get(session + "/weights?tensorEncoding=%E2%80%AE").key(Instance.KEY_A),
                server.post("/v1/sessions", "{\"checkpoint\": {\"step\": -1}}").key(Instance.KEY_A),
                server.post("/v1/sessions", Bodies.SESSION.replace("\"sgd\"", "\"sgdx\"")).key(Instance.KEY_A),
                server.get(session).key(Instance.KEY_B),
                server.get(session).key("not-a-key"));
        List<String> failures = new ArrayList<>();
        for (Instance.Call call : errors) {
            Reply reply = call.send();
            List<String> wrong = new ArrayList<>(reply.problemFailures(null));
            if (reply.status() < 400 || reply.status() >= 500) {
                wrong.add("status " + reply.status());
            }
            if (!wrong.isEmpty()) {
                failures.add(reply + " " + wrong);
            }
        }
        server.call("DELETE", session).key(Instance.KEY_A).send();
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST /v1/gradients", "POST /v1/gradients (no key)", "POST /v1/forward (bad body)",
        "GET /v1/sessions/none", "GET /", "GET /swagger-ui/index.html", "GET /v3/api-docs", "GET /actuator/health",
        "GET /actuator/prometheus", "GET /actuator/env", "OPTIONS /v1/gradients (preflight)"})
    void everyAnswerCarriesTheSecurityHeaders(String what) throws Exception {
        String[] parts = what.split(" ");
        Instance.Call call = switch (what) {
            case "POST /v1/gradients" -> server.post("/v1/gradients", Bodies.GRADIENTS).key(Instance.KEY_A);
            case "POST /v1/gradients (no key)" -> server.post("/v1/gradients", Bodies.GRADIENTS);
            case "POST /v1/forward (bad body)" -> server.post("/v1/forward", "{\"inputs\": 1}").key(Instance.KEY_A);
            case "OPTIONS /v1/gradients (preflight)" -> server.call("OPTIONS", "/v1/gradients")
                    .header("Origin", Instance.ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST");
            default -> server.call(parts[0], parts[1]).key(Instance.KEY_A);
        };
        Reply reply = call.send();
        assertThat(reply.headerFailures()).as("%s", reply).isEmpty();
        assertThat(reply.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(reply.header("X-Frame-Options")).hasValue("DENY");
        assertThat(reply.header("Referrer-Policy")).hasValue("no-referrer");
        assertThat(reply.header("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
        if (parts[1].startsWith("/v1/")) {
            assertThat(reply.header("Cache-Control")).as("answers of the API are nobody else's").hasValue("no-store");
        }
    }

    /** Requests Tomcat refuses before any filter runs: a bad escape, an encoded slash or NUL, a request line or header over 8 KB. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /v1/sessions/%zz", "GET /v1/sessions/a%2Fb", "GET /v1/sessions/%00", "GET /v1/sessions/a%5Cb",
        "GET /v1/sessions/x?tensorEncoding=LONG", "GET /v1/sessions/x HEADER"})
    void requestsRefusedByTomcatItselfAreProblemsWithTheSecurityHeadersToo(String request) throws Exception {
        String[] parts = request.split(" ");
        String target = parts[1].replace("LONG", "n".repeat(9000));
        String extra = parts.length > 2 ? "X-Padding: " + "p".repeat(9000) + "\r\n" : "";
        RawAnswer answer = raw(parts[0] + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extra
                + "Authorization: Bearer " + Instance.KEY_A + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status).as(answer.text).isBetween(400, 499);
        assertThat(answer.header("content-type")).as(answer.text).startsWith("application/problem+json");
        for (String name : Reply.SECURITY_HEADERS) {
            assertThat(answer.header(name.toLowerCase(Locale.ROOT))).as(name + " in " + answer.text).isNotEmpty();
        }
    }

    @Test
    void theErrorPathAnsweredDirectlyIsNotAServerError() throws Exception {
        Reply reply = server.get("/error").send();
        assertThat(reply.status()).as("%s", reply).isBetween(400, 499);
        assertThat(reply.problemFailures(null)).as("%s", reply).isEmpty();
    }

    @Test
    void aRequestIdFromTheClientIsAnsweredAndLoggedWithTheOutcome(CapturedOutput output) throws Exception {
        Reply reply = server.post("/v1/gradients", Bodies.GRADIENTS).key(Instance.KEY_A)
                .header("X-Request-Id", "client-id.42:abc").send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Request-Id")).hasValue("client-id.42:abc");
        assertThat(awaitLine(output, "[client-id.42:abc]")).contains("POST /v1/gradients 200");
    }

    @ParameterizedTest(name = "X-Request-Id: {0}")
    @ValueSource(strings = {"", "has spaces", "semi;colon", "quote\"d", "ünïcödé"})
    void aRequestIdThatIsNotAPlainTokenIsReplacedByAFreshOne(String given) throws Exception {
        Instance.Call call = server.post("/v1/forward", Bodies.FORWARD).key(Instance.KEY_A);
        try {
            call.header("X-Request-Id", given);
        } catch (IllegalArgumentException unsendable) {
            call.header("X-Request-Id", "x".repeat(129));
        }
        Reply reply = call.send();
        assertThat(reply.header("X-Request-Id").orElseThrow()).isNotEqualTo(given)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void aRequestWithoutAnIdGetsOneAndErrorsAreLoggedWithItTooButNeverTheApiKey(CapturedOutput output) throws Exception {
        String wrongKey = "wrong-but-maybe-someone-elses-key-3b1f";
        Reply refused = server.post("/v1/gradients", Bodies.GRADIENTS).key(wrongKey).send();
        Reply answered = server.post("/v1/gradients", Bodies.GRADIENTS.replace("0.15", "\"x\"")).key(Instance.KEY_A).send();
        for (Reply reply : List.of(refused, answered)) {
            String id = reply.header("X-Request-Id").orElseThrow();
            assertThat(awaitLine(output, "[" + id + "]")).contains("POST /v1/gradients " + reply.status());
        }
        assertThat(output.getAll()).doesNotContain(wrongKey).doesNotContain(Instance.KEY_A);
    }

    /** The access log line is written once the answer has gone, so it may follow the answer by a moment. */
    private static String awaitLine(CapturedOutput output, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output.getAll().split("\n")) {
                if (line.contains(fragment) && line.contains("dev.gradserve.access")) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access log line with " + fragment);
    }

    private record RawAnswer(int status, String text) {

        String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(name + ":")) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return "";
        }
    }

    /** Bytes on a socket: java.net.http would refuse to send most of these requests at all. */
    private static RawAnswer raw(String request) throws IOException {
        try (Socket socket = new Socket(server.base.getHost(), server.base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            return new RawAnswer(status, text);
        }
    }
}
