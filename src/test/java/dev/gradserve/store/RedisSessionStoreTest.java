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
        return new RedisSessionStore(redis, JsonMapper.builder().build(), idle, remembered, maxPerOwner, 64 << 20);
    }

    /** Another instance: the same Redis, nothing held locally yet. */
    private static RedisSessionStore otherInstance() {
        return store(Duration.ofMinutes(5), 10);
    }

    @Test
    void aSessionRoundTripsExactlyInBothPrecisions() {
        RedisSessionStore store = store(Duration.ofMinutes(5), 10);
        for (DType dtype : DType.values()) {
            Session session = SampleSessions.sample(dtype);
            store.create(session);
            Session read = otherInstance().find(session.id()).orElseThrow();
            assertThat(read).isNotSameAs(session).usingRecursiveComparison().isEqualTo(session);
            Session next = SampleSessions.next(session);
            assertThat(store.replace(next, 0, null)).isTrue();
            assertThat(otherInstance().find(session.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(next);
        }
    }

    @Test
    void anInstanceRereadsItsOwnLatestWriteWithoutItsBytesCrossingTheNetwork() {
        RedisSessionStore store = store(Duration.ofMinutes(5), 10);
        Session session = SampleSessions.large(100_000);
        store.create(session);
        Session next = SampleSessions.next(session);
        assertThat(store.replace(next, 0, null)).isTrue();
        long sentBefore = bytesSentByRedis();
        for (int i = 0; i < 10; i++) {
            assertThat(store.find(session.id()).orElseThrow()).isSameAs(next);
        }
        long sent = bytesSentByRedis() - sentBefore;
        assertThat(sent).as("bytes Redis sent for 10 reads of a session of 1.6 MB").isLessThan(20_000);

        RedisSessionStore uncached = new RedisSessionStore(redis, JsonMapper.builder().build(), Duration.ofMinutes(5), 10,
                1_000_000, 0);
        sentBefore = bytesSentByRedis();
        assertThat(uncached.find(session.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(next);
        assertThat(bytesSentByRedis() - sentBefore).as("one read without the local cache").isGreaterThan(1_600_000);
    }

    @Test
    void whatAnotherInstanceChangesIsSeenAtOnce() {
        RedisSessionStore mine = store(Duration.ofMinutes(5), 10);
        RedisSessionStore theirs = otherInstance();
        Session session = SampleSessions.sample(DType.FLOAT64);
        mine.create(session);
        assertThat(mine.find(session.id()).orElseThrow()).isSameAs(session);

        Session theirNext = SampleSessions.next(theirs.find(session.id()).orElseThrow());
        assertThat(theirs.replace(theirNext, 0, null)).isTrue();
        assertThat(mine.find(session.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(theirNext);
        assertThat(mine.replace(SampleSessions.next(session), 0, null)).as("a write from the version held before").isFalse();
        assertThat(mine.find(session.id()).orElseThrow().version()).isEqualTo(1);

        assertThat(theirs.delete(session.id())).isTrue();
        assertThat(mine.find(session.id())).isEmpty();
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
        byte[] state = redis.opsForValue().get(("gradserve:session:{" + session.id() + "}:state")
                .getBytes(StandardCharsets.UTF_8));
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

    @Test
    void aLostWriteRedoneWithOtherWeightsIsNotMistakenForTheHeldOne() {
        RedisSessionStore mine = store(Duration.ofMinutes(5), 10);
        Session session = SampleSessions.sample(DType.FLOAT64);
        mine.create(session);
        byte[] key = ("gradserve:session:{" + session.id() + "}").getBytes(StandardCharsets.UTF_8);
        byte[] stateKey = ("gradserve:session:{" + session.id() + "}:state").getBytes(StandardCharsets.UTF_8);
        Map<Object, Object> atVersion0 = redis.opsForHash().entries(key);
        byte[] stateAtVersion0 = redis.opsForValue().get(stateKey);
        Session mineNext = SampleSessions.next(session);
        assertThat(mine.replace(mineNext, 0, null)).isTrue();

        // A failover to a replica that had not received that write: the session is back at version 0 ...
        redis.delete(key);
        redis.opsForHash().putAll(key, atVersion0);
        redis.opsForValue().set(stateKey, stateAtVersion0);
        // ... and another instance takes a different step to version 1.
        RedisSessionStore theirs = otherInstance();
        Session read = theirs.find(session.id()).orElseThrow();
        Session theirNext = new Session(read.id(), read.owner(), read.network(), read.dtype(), read.optimizer(),
                SampleSessions.large(4).weights(), read.optimizerState(), 8, 1, 0.5, read.createdAt(), read.updatedAt());
        assertThat(theirs.replace(theirNext, 0, null)).isTrue();

        Session seen = mine.find(session.id()).orElseThrow();
        assertThat(seen.version()).isEqualTo(mineNext.version());
        assertThat(seen).isNotSameAs(mineNext).usingRecursiveComparison().isEqualTo(theirNext);
    }

    @Test
    void aSessionStoredByTheReleaseBeforeStampsIsReadAndItsNextWriteMovesItToTheNewLayout() {
        Session session = SampleSessions.sample(DType.FLOAT32);
        byte[] key = ("gradserve:session:{" + session.id() + "}").getBytes(StandardCharsets.UTF_8);
        // as that release wrote it: version and state (format 1: format 2 without the stamp) in the hash
        byte[] stamped = new SessionCodec(JsonMapper.builder().build()).encode(session, "");
        byte[] format1 = new byte[stamped.length - 2];
        format1[0] = 1;
        System.arraycopy(stamped, 3, format1, 1, stamped.length - 3);
        redis.opsForHash().put(key, bytes("version"), bytes("0"));
        redis.opsForHash().put(key, bytes("state"), format1);

        RedisSessionStore reader = otherInstance();
        Session first = reader.find(session.id()).orElseThrow();
        Session second = reader.find(session.id()).orElseThrow();
        assertThat(second).as("read whole each time: there is no stamp to compare").isNotSameAs(first)
                .usingRecursiveComparison().isEqualTo(session);

        Session next = SampleSessions.next(session);
        assertThat(reader.replace(next, 0, null)).isTrue();
        assertThat(redis.opsForHash().hasKey(key, bytes("state"))).isFalse();
        assertThat(otherInstance().find(session.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(next);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long bytesSentByRedis() {
        java.util.Properties stats = redis.execute(
                (org.springframework.data.redis.core.RedisCallback<java.util.Properties>) connection -> connection
                        .serverCommands().info("stats"));
        return Long.parseLong(stats.getProperty("total_net_output_bytes"));
    }

    private static Session ownedBy(String owner) {
        Session s = SampleSessions.sample(DType.FLOAT64);
        return new Session(s.id(), owner, s.network(), s.dtype(), s.optimizer(), s.weights(), s.optimizerState(), s.step(),
                s.version(), s.lastLoss(), s.createdAt(), s.updatedAt());
    }
}
