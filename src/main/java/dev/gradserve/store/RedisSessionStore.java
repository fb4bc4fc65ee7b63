package dev.gradserve.store;

import dev.gradserve.training.Session;
import dev.gradserve.training.SessionLimitException;
import dev.gradserve.training.SessionStore;
import dev.gradserve.training.StepRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions in Redis, shared by every instance that points at it, and kept across restarts. Each
 * session is a hash (its version and its encoded state) with the idempotency records of its
 * latest steps beside it; all expire together after the idle timeout (Redis TTLs, renewed on use).
 * Every read and write is one round trip, and a write is a Lua script that compares the version
 * and writes in one atomic step, so two instances can never both apply a step at the same version.
 * An owner's sessions are also listed in a sorted set scored by expiry time, to count them against
 * the per-client limit. (Owner sets and session keys hash to different slots: one Redis, not Cluster.)
 * <p>
 * Each instance keeps the sessions it last read or wrote ({@link RecentSessions}, bounded in memory); a
 * read of one of those sends the stamp of the write it holds, and Redis answers with the state only when
 * another write has happened since. A client training step by step on one instance thus moves its weights over the network once a
 * step, in the write.
 */
public final class RedisSessionStore implements SessionStore {

    private static final RedisScript<Long> CREATE = script("create", Long.class);
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisScript<List<byte[]>> FIND = (RedisScript) script("find", List.class);
    private static final RedisScript<Long> REPLACE = script("replace", Long.class);
    private static final RedisScript<Long> DELETE = script("delete", Long.class);

    private final RedisTemplate<byte[], byte[]> redis;
    private final SessionCodec codec;
    private final byte[] ttlMillis;
    private final byte[] stepsRemembered;
    private final int maxPerOwner;
    private final RecentSessions recent;

    /**
     * @param idleTimeout     a session unused this long expires (its keys' TTL)
     * @param stepsRemembered idempotency records kept per session
     * @param maxPerOwner     sessions one owner (API key) holds at most
     * @param recentBytes     heap this instance may use to keep the sessions it last read or wrote; 0 for none
     */
    public RedisSessionStore(RedisTemplate<byte[], byte[]> redis, JsonMapper json, Duration idleTimeout, int stepsRemembered,
            int maxPerOwner, long recentBytes) {
        this.redis = redis;
        this.recent = new RecentSessions(recentBytes);
        this.codec = new SessionCodec(json);
        this.ttlMillis = bytes(Long.toString(idleTimeout.toMillis()));
        this.stepsRemembered = bytes(Integer.toString(stepsRemembered));
        this.maxPerOwner = maxPerOwner;
    }

    @Override
    public void create(Session session) {
        String stamp = stamp(session);
        Long created = redis.execute(CREATE, keys(session.id(), session.owner()), bytes(Long.toString(session.version())),
                codec.encode(session), ttlMillis, bytes(session.id()), bytes(Integer.toString(maxPerOwner)), bytes(stamp));
        if (created != null && created == -1) {
            throw new SessionLimitException((session.owner() == null ? "without API keys, everyone together holds"
                    : "this API key holds") + " its maximum of " + maxPerOwner
                    + " sessions; delete sessions you no longer use, or wait for idle ones to expire", true);
        }
        if (created == null || created != 1) {
            throw new IllegalStateException("session id collision: " + session.id());
        }
        recent.put(session, stamp);
    }

    @Override
    public Optional<Session> find(String id) {
        RecentSessions.Held held = recent.get(id);
        List<byte[]> found = redis.execute(FIND, keys(id), ttlMillis, bytes(id), bytes(held == null ? "" : held.stamp()));
        if (found == null || found.isEmpty() || found.get(0) == null) {
            recent.remove(id);
            return Optional.empty();
        }
        String stamp = new String(found.get(0), StandardCharsets.UTF_8);
        if (found.size() == 1 && held != null && held.stamp().equals(stamp)) {
            return Optional.of(held.session());
        }
        Session session = codec.decode(found.get(1));
        if (!stamp.isEmpty()) {
            recent.put(session, stamp);
        }
        return Optional.of(session);
    }

    @Override
    public boolean replace(Session next, long expectedVersion, StepRecord step) {
        String stamp = stamp(next);
        Long replaced = redis.execute(REPLACE, keys(next.id()), bytes(Long.toString(expectedVersion)),
                bytes(Long.toString(next.version())), codec.encode(next), ttlMillis,
                step == null ? new byte[0] : bytes(step.idempotencyKey()),
                step == null ? new byte[0] : SessionCodec.encode(step), stepsRemembered, bytes(stamp));
        if (replaced != null && replaced == 1) {
            recent.put(next, stamp);
            return true;
        }
        recent.remove(next.id());
        return false;
    }

    @Override
    public Optional<StepRecord> findStep(String id, String idempotencyKey) {
        byte[] record = (byte[]) redis.opsForHash().get(keys(id).get(1), bytes(idempotencyKey));
        return record == null ? Optional.empty() : Optional.of(SessionCodec.decodeStep(record));
    }

    @Override
    public boolean delete(String id) {
        recent.remove(id);
        Long deleted = redis.execute(DELETE, keys(id), bytes(id));
        return deleted != null && deleted > 0;
    }

    @Override
    public void checkAvailable() {
        String pong = redis.execute(connection -> connection.ping(), true);
        if (!"PONG".equalsIgnoreCase(pong)) {
            throw new IllegalStateException("Redis answered " + pong + " to PING");
        }
    }

    /** Unique to one write of the session: its version and 64 random bits. */
    private static String stamp(Session session) {
        return session.version() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** The session's hash, its idempotency records, and the order in which those were written. */
    private static List<byte[]> keys(String id) {
        String base = "gradserve:session:{" + id + "}";
        return List.of(bytes(base), bytes(base + ":steps"), bytes(base + ":step-keys"));
    }

    /**
     * The session's keys and the sorted set of its owner's sessions (by expiry time); sessions made
     * without API keys all share one owner, "-".
     */
    private static List<byte[]> keys(String id, String owner) {
        List<byte[]> keys = new java.util.ArrayList<>(keys(id));
        keys.add(bytes("gradserve:owner:" + (owner == null ? "-" : owner) + ":sessions"));
        return keys;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> RedisScript<T> script(String name, Class<T> type) {
        return RedisScript.of(new ClassPathResource("redis/" + name + ".lua"), type);
    }
}
