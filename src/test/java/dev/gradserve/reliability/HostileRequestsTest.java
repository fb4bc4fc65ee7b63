package dev.gradserve.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.reliability.HostileRequests.Hostile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: whatever a client sends to any endpoint, stateless or on a session, the answer is never a
 * 5xx; every error is problem+json with type, title, status and errors, naming nothing internal; every
 * answer has the security headers and a request id; and the server still answers the worked example
 * exactly afterwards. 8 seeds × 750 generated requests, over real HTTP.
 *
 * <p>Written with JUnit's {@code @ParameterizedTest} and a seeded {@link java.util.Random} rather than
 * jqwik: jqwik 1.10 (the version that resolves here) asks in its release notes and user guide that it
 * not be used by AI coding agents, and that request is respected; jqwik 1.x is also built on JUnit
 * Platform 1.x, while Spring Boot 4 brings JUnit 6. A failure names the seed and the request's index
 * and says what was done to the valid body, which reproduces it without shrinking.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestsTest {

    private static final int REQUESTS_PER_SEED = 750;

    private static Instance server;

    @BeforeAll
    static void start() {
        server = Instance.guarded();
    }

    @Order(1)
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void noHostileRequestGetsA5xxAndEveryErrorIsAProblem(long seed) throws Exception {
        Reply created = server.post("/v1/sessions", Bodies.SESSION).key(Instance.KEY_FUZZ).send();
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().get("id").stringValue();
        String checkpoint = server.get("/v1/sessions/" + id + "/checkpoint").key(Instance.KEY_FUZZ).send().body();
        HostileRequests requests = new HostileRequests(seed, id, checkpoint);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS_PER_SEED; i++) {
            Hostile hostile = requests.next();
            String request = "#" + i + " " + hostile.method() + " " + abbreviate(hostile.path()) + " [" + hostile.how() + "]";
            Reply reply;
            try {
                reply = send(hostile);
            } catch (IOException noAnswer) {
                failures.add(request + " → no answer: " + noAnswer);
                continue;
            }
            List<String> wrong = failures(hostile, reply);
            if (!wrong.isEmpty()) {
                failures.add(request + " → " + reply + " " + wrong);
            }
            if (reply.status() == 201) {
                server.call("DELETE", "/v1/sessions/" + reply.json().get("id").stringValue()).key(Instance.KEY_FUZZ).send();
            }
        }
        server.call("DELETE", "/v1/sessions/" + id).key(Instance.KEY_FUZZ).send();
        assertThat(failures).as("seed %d", seed).isEmpty();
    }

    @Order(2)
    @Test
    void afterwardsTheWorkedExampleIsStillAnsweredExactly() throws Exception {
        Reply reply = server.post("/v1/gradients", Bodies.GRADIENTS).key(Instance.KEY_A).send();
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        Bodies.assertWorkedExample(reply.json());
    }

    private static Reply send(Hostile hostile) throws IOException, InterruptedException {
        Instance.Call call = server.call(hostile.method(), hostile.path());
        if (hostile.body() != null) {
            call.body(hostile.body());
        }
        for (Map.Entry<String, String> header : hostile.headers().entrySet()) {
            try {
                call.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException notSendable) {
                // java.net.http refuses some values (control characters); the rest of the request still goes
            }
        }
        return call.send();
    }

    private static List<String> failures(Hostile hostile, Reply reply) {
        List<String> failures = new ArrayList<>(reply.headerFailures());
        if (reply.status() >= 500) {
            failures.add("a 5xx");
        }
        boolean hasBody = !hostile.method().equals("HEAD") && !hostile.method().equals("OPTIONS");
        if (reply.status() >= 400 && hasBody) {
            failures.addAll(reply.problemFailures(hostile.text()));
        }
        if (reply.status() == 401 && reply.header("WWW-Authenticate").isEmpty()) {
            failures.add("401 without WWW-Authenticate");
        }
        if (reply.status() < 300 && hasBody && !reply.body().isEmpty()) {
            try {
                reply.json();
            } catch (RuntimeException notJson) {
                failures.add("a success that is not JSON");
            }
        }
        return failures;
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
