package dev.gradserve.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each limit that BadInputTest does not already cover: layers, activation elements, sequence length,
 * sessions per client (with and without API keys), the bound on concurrent computations, and tensor
 * shapes too large to count. Past a limit the answer is a 4xx problem (or a fast 503), never a crash.
 */
class LimitsTest {

    /** One computation at a time, 200 ms to wait for it; no API keys, and two sessions for everyone together. */
    private static Instance single;
    private static Instance guarded;

    @BeforeAll
    static void start() {
        guarded = Instance.guarded();
        single = Instance.start(Map.of("gradserve.limits.max-concurrent-computations", 1,
                "gradserve.limits.computation-queue-timeout", "200ms", "gradserve.limits.max-sessions-per-client", 2));
    }

    @AfterAll
    static void stop() {
        single.close();
    }

    @Test
    void networkOfMoreThanMaxLayersIs422() throws Exception {
        String layers = String.join(",", java.util.Collections.nCopies(101, "{\"type\": \"dense\", \"units\": 1}"));
        Reply reply = guarded.post("/v1/forward", "{\"network\": {\"inputShape\": [1], \"layers\": [" + layers + "]}, "
                + "\"init\": {\"scheme\": \"he_normal\"}, \"inputs\": [[1]]}").key(Instance.KEY_A).send();
        assertProblem(reply, 422, "/network/layers", "at most 100 layers");
    }

    @Test
    void batchWhoseActivationsPassTheLimitIs422AndSaysHowManyExamplesFit() throws Exception {
        StringBuilder inputs = new StringBuilder("[[0]");
        inputs.append(",[0]".repeat(5999)).append(']');
        Reply reply = guarded.post("/v1/forward", "{\"network\": {\"inputShape\": [1], \"layers\": [{\"type\": \"dense\", "
                + "\"units\": 10000}]}, \"init\": {\"scheme\": \"he_normal\"}, \"inputs\": " + inputs + "}").key(Instance.KEY_A)
                .send();
        // 6000 × (1 input + 10000 outputs) numbers held; 50,000,000 / 10001 = 4999 examples fit
        assertProblem(reply, 422, "/inputs", "60006000 activation values", "at most 4999 examples");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void sequenceLongerThanTheLimitIs422AtTheTimeDimension(String type) throws Exception {
        int steps = Instance.MAX_SEQUENCE_LENGTH + 1;
        Reply reply = guarded.post("/v1/forward", recurrent(type, steps)).key(Instance.KEY_A).send();
        assertProblem(reply, 422, "/network/inputShape/0", "sequences of " + steps + " time steps",
                "limit of " + Instance.MAX_SEQUENCE_LENGTH);
    }

    @Test
    void sequenceAtTheLimitIsComputed() throws Exception {
        Reply reply = guarded.post("/v1/forward", recurrent("rnn", Instance.MAX_SEQUENCE_LENGTH)).key(Instance.KEY_A).send();
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    }

    @Test
    void sessionWithASequenceOverTheLimitIsRefusedAtCreation() throws Exception {
        Reply reply = guarded.post("/v1/sessions", "{\"network\": {\"inputShape\": [" + (Instance.MAX_SEQUENCE_LENGTH + 1)
                + ", 2], \"layers\": [{\"type\": \"gru\", \"units\": 3}], \"loss\": {\"type\": \"mse\"}}, "
                + "\"init\": {\"scheme\": \"xavier_uniform\"}, \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.1}}")
                .key(Instance.KEY_A).send();
        assertProblem(reply, 422, "/network/inputShape/0", "time steps");
    }

    @Test
    void aKeyPastItsSessionLimitGets429WhileAnotherKeyStillCreatesAndDeletingMakesRoom() throws Exception {
        List<String> sessionsOfB = new ArrayList<>();
        String sessionOfA = null;
        try {
            for (int i = 0; i < Instance.SESSIONS_PER_CLIENT; i++) {
                sessionsOfB.add(create(guarded, Instance.KEY_B));
            }
            Reply refused = guarded.post("/v1/sessions", Bodies.SESSION).key(Instance.KEY_B).send();
            assertProblem(refused, 429, null, "maximum of " + Instance.SESSIONS_PER_CLIENT + " sessions");
            assertThat(refused.json().get("type").stringValue()).isEqualTo("urn:gradserve:problem:session-limit");
            assertThat(refused.header("Retry-After")).isPresent();

            sessionOfA = create(guarded, Instance.KEY_A);

            assertThat(guarded.call("DELETE", "/v1/sessions/" + sessionsOfB.remove(0)).key(Instance.KEY_B).send().status())
                    .isEqualTo(204);
            sessionsOfB.add(create(guarded, Instance.KEY_B));
        } finally {
            for (String id : sessionsOfB) {
                guarded.call("DELETE", "/v1/sessions/" + id).key(Instance.KEY_B).send();
            }
            if (sessionOfA != null) {
                guarded.call("DELETE", "/v1/sessions/" + sessionOfA).key(Instance.KEY_A).send();
            }
        }
    }

    /** GradserveProperties: max-sessions-per-client bounds "one API key (or, without keys, everyone together)". */
    @Test
    void withoutApiKeysEveryoneTogetherHoldsAtMostTheSessionLimit() throws Exception {
        List<String> created = new ArrayList<>();
        try {
            created.add(create(single, null));
            created.add(create(single, null));
            Reply third = single.post("/v1/sessions", Bodies.SESSION).send();
            if (third.status() == 201) {
                created.add(third.json().get("id").stringValue());
            }
            assertProblem(third, 429, null, "sessions");
        } finally {
            for (String id : created) {
                single.call("DELETE", "/v1/sessions/" + id).send();
            }
        }
    }

    @Test
    void computationsBeyondThePermittedOnesGetAFast503WithRetryAfterAndThenAreServedAgain() throws Exception {
        CompletableFuture<Reply> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return single.post("/v1/gradient-checks", slowGradientCheck()).send();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Reply first = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline && !slow.isDone()) {
            first = single.post("/v1/gradients", Bodies.GRADIENTS).send();
            if (first.status() == 503) {
                break;
            }
        }
        assertThat(first).isNotNull();
        assertThat(slow.isDone()).as("the slow gradient check was still running").isFalse();
        List<CompletableFuture<Reply>> surplus = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            surplus.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return single.post("/v1/forward", Bodies.FORWARD).send();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Reply health = single.get("/actuator/health/readiness").send();
        List<Reply> refused = new ArrayList<>(List.of(first));
        for (CompletableFuture<Reply> reply : surplus) {
            refused.add(reply.get(10, TimeUnit.SECONDS));
        }
        assertThat(slow.isDone()).as("the slow gradient check still held the permit when the others were answered")
                .isFalse();
        assertThat(slow.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);

        assertThat(health.status()).as("reads and probes take no permit").isEqualTo(200);
        for (Reply reply : refused) {
            assertProblem(reply, 503, null, "1 at once");
            assertThat(reply.json().get("type").stringValue()).isEqualTo("urn:gradserve:problem:overloaded");
            assertThat(reply.header("Retry-After")).hasValue("1");
            assertThat(reply.nanos).as("answered after the 200 ms queue timeout, not after the computation")
                    .isLessThan(TimeUnit.MILLISECONDS.toNanos(1500));
        }
        Reply after = single.post("/v1/gradients", Bodies.GRADIENTS).send();
        assertThat(after.status()).isEqualTo(200);
        Bodies.assertWorkedExample(after.json());
    }

    /**
     * A process whose resident memory is over gradserve.limits.max-resident-memory starts no computation (here a
     * ceiling of 64 MB that a JVM with ND4J loaded is always over): a fast 503 naming memory, while reads and probes
     * are served; the same server with the default ceiling (twice the heap) computes, as every other test shows.
     */
    @Test
    void computationsGetA503WithRetryAfterWhileResidentMemoryIsOverItsCeiling() throws Exception {
        try (Instance full = Instance.start(Map.of("gradserve.limits.max-resident-memory", "64MB"))) {
            Reply reply = full.post("/v1/gradients", Bodies.GRADIENTS).send();
            assertProblem(reply, 503, null, "memory is nearly full", "at most 64 MB to start a computation");
            assertThat(reply.json().get("type").stringValue()).isEqualTo("urn:gradserve:problem:overloaded");
            assertThat(reply.header("Retry-After")).hasValue("1");
            assertThat(full.get("/actuator/health/readiness").send().status()).isEqualTo(200);
        }
    }

    /**
     * A convolution computes on every window of its input at once (im2col): batch × output positions ×
     * channels·kh·kw numbers, which the activation limit does not count. Here a 260 KB request asks for 67
     * million (0.5 GB); with a batch of 40 (10 MB of base64) it would ask for 21 GB. Bounded as activations are,
     * it is refused before anything is allocated.
     */
    @Test
    void convolutionWhoseWindowsHoldMoreNumbersThanTheActivationLimitIs422() throws Exception {
        java.nio.ByteBuffer image = java.nio.ByteBuffer.allocate(180 * 180 * Double.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (image.hasRemaining()) {
            image.putDouble(0.5);
        }
        String body = "{\"network\": {\"inputShape\": [1, 180, 180], \"layers\": [{\"type\": \"conv2d\", \"filters\": 1, "
                + "\"kernelSize\": 90}]}, \"init\": {\"scheme\": \"he_normal\"}, \"inputs\": {\"shape\": [1, 1, 180, 180], "
                + "\"base64\": \"" + java.util.Base64.getEncoder().encodeToString(image.array()) + "\"}}";
        Reply reply = guarded.post("/v1/forward", body).key(Instance.KEY_A).send();
        assertThat(reply.status()).as("%s", reply).isEqualTo(422);
        assertThat(reply.problemFailures(null)).isEmpty();
    }

    /**
     * A client that sends its body slowly is not computing yet: it must not hold one of the permitted
     * computations while it trickles, or a few such clients shut every other client out.
     */
    @Test
    void aBodyStillBeingUploadedHoldsNoComputationPermit() throws Exception {
        try (java.net.Socket slow = new java.net.Socket(single.base.getHost(), single.base.getPort())) {
            String body = Bodies.GRADIENTS;
            slow.getOutputStream().write(("POST /v1/gradients HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 10))
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            Thread.sleep(300);
            Reply other = single.post("/v1/gradients", Bodies.GRADIENTS).send();
            assertThat(other.status()).as("%s", other).isEqualTo(200);
        } finally {
            awaitAPermit();
        }
    }

    /** Once the slow client hung up, the server gives its permit back: waits for that, for the tests after. */
    private static void awaitAPermit() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (single.post("/v1/forward", Bodies.FORWARD).send().status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /**
     * Element counts are longs, and 65536⁴ = 2⁶⁴ wraps to 0: a tensor that claims that shape with no data
     * must be refused, not computed on.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v1/forward", "/v1/gradients"})
    void tensorWhoseShapeHoldsMoreElementsThanALongCountsIsRefused(String path) throws Exception {
        String body = "{\"network\": {\"inputShape\": [65536, 65536, 65536, 65536], \"layers\": [{\"type\": \"flatten\"}, "
                + "{\"type\": \"dense\", \"units\": 1}], \"loss\": {\"type\": \"mse\"}}, "
                + "\"weights\": {\"layer2\": {\"W\": {\"shape\": [1, 0], \"data\": []}, \"b\": [0]}}, "
                + "\"inputs\": {\"shape\": [1, 65536, 65536, 65536, 65536], \"data\": []}, \"targets\": [[0]]}";
        Reply reply = guarded.post(path, body).key(Instance.KEY_A).send();
        assertThat(reply.status()).as("%s", reply).isBetween(400, 499);
        assertThat(reply.problemFailures(body)).isEmpty();
    }

    private static String recurrent(String type, int steps) {
        String step = "[0.1, 0.2]";
        String sequence = "[" + String.join(",", java.util.Collections.nCopies(steps, step)) + "]";
        return "{\"network\": {\"inputShape\": [" + steps + ", 2], \"layers\": [{\"type\": \"" + type + "\", \"units\": 3}]}, "
                + "\"init\": {\"scheme\": \"xavier_uniform\", \"seed\": 1}, \"inputs\": [" + sequence + "]}";
    }

    /**
     * 12,960 parameters, each perturbed twice over a batch of 32 (25,920 forward passes): about 2.5 s of work on a quiet
     * 2-core machine, far longer than the 200 ms queue timeout (40 units, 3,280 parameters, took 0.3 s there and let a
     * surplus call through after it).
     */
    private static String slowGradientCheck() {
        int width = 80;
        java.util.Random random = new java.util.Random(7);
        StringBuilder inputs = new StringBuilder("[");
        StringBuilder targets = new StringBuilder("[");
        for (int i = 0; i < 32; i++) {
            inputs.append(i == 0 ? "" : ",").append(row(random, width));
            targets.append(i == 0 ? "" : ",").append(row(random, width));
        }
        return "{\"network\": {\"inputShape\": [" + width + "], \"layers\": [{\"type\": \"dense\", \"units\": " + width
                + ", \"activation\": \"tanh\"}, {\"type\": \"dense\", \"units\": " + width + "}], \"loss\": {\"type\": \"mse\"}}, "
                + "\"init\": {\"scheme\": \"he_normal\"}, "
                + "\"inputs\": " + inputs + "], \"targets\": " + targets + "]}";
    }

    private static String row(java.util.Random random, int length) {
        StringBuilder row = new StringBuilder("[");
        for (int i = 0; i < length; i++) {
            row.append(i == 0 ? "" : ",").append(random.nextDouble());
        }
        return row.append(']').toString();
    }

    static String create(Instance instance, String key) throws Exception {
        Instance.Call call = instance.post("/v1/sessions", Bodies.SESSION);
        Reply reply = (key == null ? call : call.key(key)).send();
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        return reply.json().get("id").stringValue();
    }

    /** A problem of this status whose first error (or, with a null pointer, detail) says every fragment. */
    static void assertProblem(Reply reply, int status, String pointer, String... fragments) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.problemFailures(null)).as("%s", reply).isEmpty();
        String said = pointer == null ? reply.json().get("detail").asString()
                : reply.json().at("/errors/0/message").asString();
        if (pointer != null) {
            assertThat(reply.json().at("/errors/0/pointer").asString()).as("%s", reply).isEqualTo(pointer);
        }
        assertThat(said).as("%s", reply).contains(fragments);
    }
}
