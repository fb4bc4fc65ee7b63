package dev.gradserve.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Faults with a real Redis: an instance shut down (as on SIGTERM) while clients step a session loses
 * no acknowledged step and applies none twice; while Redis is stopped session calls get a quick 503
 * and stateless calls go on; once Redis is back the same instance serves sessions again by itself.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisFaultsTest {

    /**
     * A fixed host port: the container is stopped and started again under the instance's feet, and Docker
     * (unlike podman) gives a restarted container a new random port, which the instance could not follow.
     */
    private static final int PORT = freePort();

    @Container
    static final GenericContainer<?> REDIS = new GenericContainer<>("redis:7").withExposedPorts(6379)
            .withCreateContainerCmdModifier(create -> create.getHostConfig().withPortBindings(
                    new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", PORT), new ExposedPort(6379))));

    private static Map<String, Object> redis() {
        return Map.of("gradserve.sessions.store", "redis", "spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", PORT);
    }

    @Order(1)
    @Test
    void shutdownWithStepsInFlightLosesNoAcknowledgedStepAndAppliesNoneTwice() throws Exception {
        Instance first = Instance.start(redis());
        String id = LimitsTest.create(first, null);
        String steps = "/v1/sessions/" + id + "/steps";
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> refusedWhileStopping = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean closing = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int c = 0; c < 6; c++) {
            clients.submit(() -> {
                while (true) {
                    String key = UUID.randomUUID().toString();
                    try {
                        Reply reply = first.post(steps, Bodies.STEP).header("Idempotency-Key", key)
                                .timeout(Duration.ofSeconds(20)).send();
                        if (reply.status() == 200) {
                            acknowledged.put(key, reply.json().get("version").longValue());
                            continue;
                        }
                        if (closing.get()) {
                            // Sent as the stop began: retried below like a step without an answer (a 503; Tomcat
                            // now and then refused one with a 400 about its request line, whose cause is not known,
                            // and which is a 503 too once the connector is paused), and the checks there show
                            // whether it had been applied.
                            refusedWhileStopping.add(reply.toString());
                        } else {
                            refusals.add(reply.toString());
                        }
                    } catch (IOException | InterruptedException stopped) {
                        // no answer: the client cannot know whether the step was applied, and retries it later
                    }
                    unanswered.add(key);
                    if (closing.get()) {
                        return null;
                    }
                }
            });
        }
        Thread.sleep(1500);
        closing.set(true);
        first.close();
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        try (Instance second = Instance.start(redis())) {
            long stored = second.get("/v1/sessions/" + id).send().json().get("version").longValue();
            List<Long> versions = new ArrayList<>(acknowledged.values());
            int replayed = 0;
            for (String key : unanswered) {
                Reply retry = second.post(steps, Bodies.STEP).header("Idempotency-Key", key).send();
                assertThat(retry.status()).as("%s", retry).isEqualTo(200);
                versions.add(retry.json().get("version").longValue());
                replayed += retry.header("Idempotent-Replayed").orElseThrow().equals("true") ? 1 : 0;
            }
            Reply session = second.get("/v1/sessions/" + id).send();
            System.out.printf("graceful shutdown: %d steps acknowledged before the stop, %d unanswered (%d of them had "
                    + "been applied and were replayed), refusals %s, refused as the stop began %s%n", acknowledged.size(),
                    unanswered.size(), replayed, refusals, refusedWhileStopping);

            assertThat(acknowledged).as("steps were answered before the stop").isNotEmpty();
            assertThat(refusals).as("no step is refused before the stop").isEmpty();
            assertThat(stored).as("the stop left exactly the acknowledged steps and the applied unanswered ones")
                    .isEqualTo(acknowledged.size() + replayed);
            long total = acknowledged.size() + unanswered.size();
            assertThat(versions).as("each step applied exactly once").containsExactlyInAnyOrderElementsOf(
                    LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(session.json().get("version").longValue()).isEqualTo(total);
            assertThat(session.json().get("step").longValue()).isEqualTo(total);
        }
    }

    @Order(2)
    @Test
    void whileRedisIsDownSessionCallsGetAQuick503AndStatelessCallsWorkAndAfterwardsSessionsWorkWithoutARestart()
            throws Exception {
        try (Instance app = Instance.start(redis())) {
            String id = LimitsTest.create(app, null);
            String session = "/v1/sessions/" + id;
            assertThat(app.post(session + "/steps", Bodies.STEP).send().status()).isEqualTo(200);

            REDIS.getDockerClient().stopContainerCmd(REDIS.getContainerId()).withTimeout(1).exec();
            for (Instance.Call call : List.of(app.get(session), app.post(session + "/steps", Bodies.STEP),
                    app.post(session + "/gradients", Bodies.STEP), app.get(session + "/checkpoint"),
                    app.post("/v1/sessions", Bodies.SESSION), app.call("DELETE", session))) {
                Reply reply = call.send();
                LimitsTest.assertProblem(reply, 503, null, "session store");
                assertThat(reply.json().get("type").stringValue()).isEqualTo("urn:gradserve:problem:store-unavailable");
                assertThat(reply.header("Retry-After")).isPresent();
                assertThat(reply.nanos).as("answered quickly").isLessThan(Duration.ofMillis(2500).toNanos());
            }
            Reply stateless = app.post("/v1/gradients", Bodies.GRADIENTS).send();
            assertThat(stateless.status()).isEqualTo(200);
            Bodies.assertWorkedExample(stateless.json());
            assertThat(app.get("/actuator/health/readiness").send().status()).as("stateless calls are served").isEqualTo(200);
            assertThat(app.get("/actuator/health/liveness").send().status()).isEqualTo(200);

            REDIS.getDockerClient().startContainerCmd(REDIS.getContainerId()).exec();
            assertThat(REDIS.getDockerClient().inspectContainerCmd(REDIS.getContainerId()).exec().getNetworkSettings()
                    .getPorts().getBindings().get(new ExposedPort(6379))[0].getHostPortSpec())
                    .as("the restarted Redis is where the instance looks for it").isEqualTo(Integer.toString(PORT));
            long start = System.nanoTime();
            Reply created = app.post("/v1/sessions", Bodies.SESSION).send();
            while (created.status() == 503 && System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
                Thread.sleep(200);
                created = app.post("/v1/sessions", Bodies.SESSION).send();
            }
            System.out.printf("Redis outage: sessions served again %d ms after Redis restarted%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            String fresh = "/v1/sessions/" + created.json().get("id").stringValue();
            Reply step = app.post(fresh + "/steps", Bodies.STEP).send();
            assertThat(step.status()).isEqualTo(200);
            assertThat(step.json().get("version").longValue()).isEqualTo(1);
            assertThat(app.get(session).send().status()).as("the old session: kept if Redis persisted it, else gone")
                    .isIn(200, 404);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
