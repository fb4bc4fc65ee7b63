package dev.gradserve.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import dev.gradserve.training.OptimizerState;
import dev.gradserve.training.Session;
import dev.gradserve.training.StepRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.json.JsonMapper;

/** The Redis store against a real Redis: exact round trips, compare-and-set, idempotency records, TTLs. */
@Testcontainers(disabledWithoutDocker = true)
class RedisSessionStoreTest {

    @Container
    static final GenericContainer<?> REDIS = new GenericContainer<>("redis:7").withExposedPorts(6379);

    private static LettuceConnectionFactory connections;
    private static RedisTemplate<byte[], byte[]> redis;

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(REDIS.getHost(), REDIS.getMappedPort(6379));
        connections.afterPropertiesSet();
        connections.start();
        redis = new RedisTemplate<>();
        redis.setConnectionFactory(connections);
        redis.setEnableDefaultSerializer(false);
        redis.setKeySerializer(RedisSerializer.byteArray());
        redis.setValueSerializer(RedisSerializer.byteArray());
        redis.setHashKeySerializer(RedisSerializer.byteArray());
        redis.setHashValueSerializer(RedisSerializer.byteArray());
        redis.afterPropertiesSet();
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    private static RedisSessionStore store(Duration idle, int remembered) {
        return store(idle, remembered, 1_000_000);
    }

    private static RedisSessionStore store(Duration idle, int remembered, int maxPerOwner) {
        return new RedisSessionStore(redis, JsonMapper.builder().build(), idle, remembered, maxPerOwner);
    }

    @Test
    void aSessionRoundTripsExactlyInBothPrecisions() {
        RedisSessionStore store = store(Duration.ofMinutes(5), 10);
        for (DType dtype : DType.values()) {
            Session session = SampleSessions.sample(dtype);
            store.create(session);
            Session read = store.find(session.id()).orElseThrow();
            assertThat(read).usingRecursiveComparison().isEqualTo(session);
        }
    }

    @Test
    void replaceIsACompareAndSetOnTheVersion() {
        RedisSessionStore store = store(Duration.ofMinutes(5), 10);
        Session session = SampleSessions.sample(DType.FLOAT64);
        store.create(session);
        Session next = SampleSessions.next(session);
        assertThat(store.replace(next, 0, null)).isTrue();
        assertThat(store.replace(SampleSessions.next(session), 0, null)).as("a second writer from version 0").isFalse();
        assertThat(store.find(session.id()).orElseThrow().version()).isEqualTo(1);
        assertThat(store.replace(SampleSessions.next(next), 1, null)).isTrue();
    }

    @Test
    void idempotencyRecordsAreWrittenWithTheStepAndOnlyTheLatestAreKept() {
        RedisSessionStore store = store(Duration.ofMinutes(5), 2);
        Session session = SampleSessions.sample(DType.FLOAT64);
        store.create(session);
        for (int i = 1; i <= 3; i++) {
            Session next = SampleSessions.next(session);
            StepRecord record = new StepRecord("key-" + i, new byte[] {(byte) i}, next.version(),
                    ("answer " + i).getBytes(StandardCharsets.UTF_8));
            assertThat(store.replace(next, session.version(), record)).isTrue();
            session = next;
        }
        assertThat(store.findStep(session.id(), "key-1")).isEmpty();
        StepRecord third = store.findStep(session.id(), "key-3").orElseThrow();
        assertThat(new String(third.answer(), StandardCharsets.UTF_8)).isEqualTo("answer 3");
        assertThat(third.version()).isEqualTo(3);
        assertThat(third.fingerprint()).containsExactly(3);
        assertThat(store.replace(SampleSessions.next(session), 0, new StepRecord("key-4", new byte[0], 9, new byte[0]))).isFalse();
        assertThat(store.findStep(session.id(), "key-4")).as("a refused write records nothing").isEmpty();
    }

    @Test
    void sessionsExpireAfterTheIdleTimeoutAndUseRenewsIt() throws InterruptedException {
        RedisSessionStore store = store(Duration.ofMillis(1500), 10);
        Session session = SampleSessions.sample(DType.FLOAT32);
        store.create(session);
        Thread.sleep(1000);
        assertThat(store.find(session.id())).isPresent();
        Thread.sleep(1000);
        assertThat(store.find(session.id())).as("renewed by the read a second ago").isPresent();
        Thread.sleep(2000);
        assertThat(store.find(session.id())).isEmpty();
        assertThat(redis.keys("gradserve:session:{*".getBytes(StandardCharsets.UTF_8)))
                .noneMatch(key -> new String(key, StandardCharsets.UTF_8).contains(session.id()));
    }

    @Test
    void deleteRemovesEverythingOfTheSession() {
        RedisSessionStore store = store(Duration.ofMinutes(5), 10);
        Session session = SampleSessions.sample(DType.FLOAT64);
        store.create(session);
        Session next = SampleSessions.next(session);
        store.replace(next, 0, new StepRecord("k", new byte[0], 1, new byte[0]));
        assertThat(store.delete(session.id())).isTrue();
        assertThat(store.find(session.id())).isEmpty();
        assertThat(store.findStep(session.id(), "k")).isEmpty();
        assertThat(store.delete(session.id())).isFalse();
    }

    @Test
    void weightsAreStoredAsRawBinaryNotDecimalText() {
        RedisSessionStore store = store(Duration.ofMinutes(5), 10);
        Session session = SampleSessions.sample(DType.FLOAT32);
        store.create(session);
        byte[] state = (byte[]) redis.opsForHash().get(("gradserve:session:{" + session.id() + "}")
                .getBytes(StandardCharsets.UTF_8), "state".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(state, StandardCharsets.ISO_8859_1)).doesNotContain("0.15");
        assertThat(state.length).isLessThan(2_000);
    }

    @Test
    void oneOwnerHoldsAtMostItsLimitOfSessionsAndDeletingMakesRoom() {
        RedisSessionStore store = store(Duration.ofMinutes(5), 10, 3);
        String owner = "owner-" + java.util.UUID.randomUUID();
        java.util.List<Session> owned = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Session session = ownedBy(owner);
            store.create(session);
            owned.add(session);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.create(ownedBy(owner)))
                .isInstanceOf(dev.gradserve.training.SessionLimitException.class);
        store.create(ownedBy("someone-else-" + owner));
        assertThat(store.delete(owned.get(0).id())).isTrue();
        store.create(ownedBy(owner));
    }

    private static Session ownedBy(String owner) {
        Session s = SampleSessions.sample(DType.FLOAT64);
        return new Session(s.id(), owner, s.network(), s.dtype(), s.optimizer(), s.weights(), s.optimizerState(), s.step(),
                s.version(), s.lastLoss(), s.createdAt(), s.updatedAt());
    }
}
