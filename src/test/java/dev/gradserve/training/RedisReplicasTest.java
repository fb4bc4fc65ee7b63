package dev.gradserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Two application instances sharing one real Redis, as replicas behind a load balancer: concurrent
 * steps through both lose and double nothing, and an instance stopped mid-way loses nothing.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisReplicasTest {

    @Container
    static final GenericContainer<?> REDIS = new GenericContainer<>("redis:7").withExposedPorts(6379);

    private static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();

    static Map<String, Object> redisProperties() {
        return Map.of("gradserve.sessions.store", "redis", "spring.data.redis.host", REDIS.getHost(),
                "spring.data.redis.port", REDIS.getMappedPort(6379));
    }

    static URI startInstance() {
        ConfigurableApplicationContext instance = Instances.start(redisProperties());
        INSTANCES.add(instance);
        return Instances.base(instance);
    }

    @BeforeAll
    static void startTwo() {
        startInstance();
        startInstance();
    }

    @AfterAll
    static void stopAll() {
        INSTANCES.forEach(ConfigurableApplicationContext::close);
    }

    private static List<URI> bothInstances() {
        return List.of(Instances.base(INSTANCES.get(0)), Instances.base(INSTANCES.get(1)));
    }

    @Test
    void eightClientsThroughTwoInstancesEndAtStepAndVersion200() throws Exception {
        String id = Instances.createSession(bothInstances().get(0));
        List<Long> versions = Instances.concurrentSteps(bothInstances(), id, 8, 25, false);
        assertThat(versions).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        for (URI instance : bothInstances()) {
            Instances.Answer session = Instances.call(instance, "GET", "/v1/sessions/" + id, null);
            assertThat(session.body().get("step").longValue()).isEqualTo(200);
            assertThat(session.body().get("version").longValue()).isEqualTo(200);
        }
    }

    @Test
    void withIfMatchThroughTwoInstancesTheOnlyRefusalsAre412s() throws Exception {
        String id = Instances.createSession(bothInstances().get(1));
        List<Long> versions = Instances.concurrentSteps(bothInstances(), id, 8, 25, true);
        assertThat(versions).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
    }

    @Test
    void anInstanceStoppedMidwayLosesNothingAndAnotherContinuesAtTheRightVersion() throws Exception {
        URI first = startInstance();
        ConfigurableApplicationContext firstInstance = INSTANCES.get(INSTANCES.size() - 1);
        String id = Instances.createSession(first);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        List<Long> acknowledged = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            acknowledged.add(step(first, id, keys.get(i)));
        }

        Thread stopper = new Thread(firstInstance::close);
        List<Integer> unanswered = new ArrayList<>();
        stopper.start();
        for (int i = 10; i < 15; i++) {
            try {
                acknowledged.add(step(first, id, keys.get(i)));
            } catch (Exception | AssertionError stopped) {
                unanswered.add(i);
            }
        }
        stopper.join();

        URI second = startInstance();
        for (int i : unanswered) {
            acknowledged.add(step(second, id, keys.get(i)));
        }
        for (int i = 15; i < 30; i++) {
            acknowledged.add(step(second, id, keys.get(i)));
        }
        assertThat(acknowledged).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
        Instances.Answer session = Instances.call(second, "GET", "/v1/sessions/" + id, null);
        assertThat(session.body().get("version").longValue()).isEqualTo(30);
        assertThat(session.body().get("step").longValue()).isEqualTo(30);
    }

    /** One step with the given key, retried (with the same key) on a 503; the version it produced. */
    private static long step(URI instance, String id, String key) throws Exception {
        for (int attempt = 0; ; attempt++) {
            Instances.Answer answer = Instances.call(instance, "POST", "/v1/sessions/" + id + "/steps", Instances.STEP,
                    "Idempotency-Key", key);
            if (answer.status() == 200) {
                return answer.body().get("version").longValue();
            }
            if (answer.status() != 503 || attempt == 5) {
                throw new AssertionError("step " + key + ": " + answer);
            }
        }
    }
}
