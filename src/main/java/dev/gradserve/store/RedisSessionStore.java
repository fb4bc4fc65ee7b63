package dev.gradserve.store;

import dev.gradserve.training.Session;
import dev.gradserve.training.SessionLimitException;
import dev.gradserve.training.SessionStore;
import dev.gradserve.training.StepRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * session is a hash (its version and the stamp of its latest write), its encoded state beside it, and
 * the idempotency records of its latest steps; all expire together after the idle timeout (Redis TTLs,
 * renewed on use). Every change is a Lua script that compares the version and writes in one atomic step,
 * so two instances can never both apply a step at the same version. Once created, a session's state
 * never passes through Lua, which copies a script's arguments and answers (for the MLP of
 * docs/PERFORMANCE.md that tripled a write): a write SETs it under a key of its own first and the script
 * renames that key into place; a read asks a script for the stamp, then GETs the state. An owner's sessions are also listed in
 * a sorted set scored by expiry time, to count them against the per-client limit. (Owner sets and session
 * keys hash to different slots: one Redis, not Cluster.)
 * <p>
 * Each instance keeps the sessions it last read or wrote ({@link RecentSessions}, bounded in memory);
 * when the stamp Redis answers is the one held, the state is not read again. A client training step by
 * step on one instance thus moves its weights over the network once a step, in the write.
 */
public final class RedisSessionStore implements SessionStore {

    private static final RedisScript<Long> CREATE = script("create", Long.class);
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisScript<List<byte[]>> FIND = (RedisScript) script("find", List.class);
    private static final RedisScript<Long> REPLACE = script("replace", Long.class);
    private static final RedisScript<Long> DELETE = script("delete", Long.class);
    /** How long an incoming state waits for the script that stores it, should its instance stop in between. */
    private static final Duration INCOMING_TTL = Duration.ofMinutes(1);
    /** Where {@link #keys(String)} has the state. */
    private static final int STATE = 3;

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
                codec.encode(session, stamp), ttlMillis, bytes(session.id()), bytes(Integer.toString(maxPerOwner)),
                bytes(stamp));
        if (created != null && created == -1) {
            throw new SessionLimitException((session.owner() == null ? "without API keys, everyone together holds"
                    : "this API key holds") + " its maximum of " + maxPerOwner
                    + " sessions; delete sessions you no longer use, or wait for idle ones to expire", true);
        }
        if (created == null || created != 1) {
            throw new IllegalStateException("session id collision: " + session.id());
        }
        recent.put(new StoredSession(session, stamp));
    }

    @Override
    public Optional<Session> find(String id) {
        List<byte[]> keys = keys(id);
        StoredSession held = recent.get(id);
        List<byte[]> found = redis.execute(FIND, keys, ttlMillis, bytes(id));
        if (found == null || found.isEmpty() || found.get(0) == null) {
            recent.remove(id);
            return Optional.empty();
        }
        if (found.size() == 2) {
            return Optional.of(codec.decode(found.get(1)).session());
        }
        if (held != null && held.stamp().equals(new String(found.get(0), StandardCharsets.UTF_8))) {
            return Optional.of(held.session());
        }
        byte[] state = redis.opsForValue().get(keys.get(STATE));
        if (state == null) {
            recent.remove(id);
            return Optional.empty();
        }
        StoredSession stored = codec.decode(state);
        recent.put(stored);
        return Optional.of(stored.session());
    }

    @Override
    public boolean replace(Session next, long expectedVersion, StepRecord step) {
        String stamp = stamp(next);
        byte[] incoming = bytes(base(next.id()) + ":state:incoming:" + stamp);
        redis.opsForValue().set(incoming, codec.encode(next, stamp), INCOMING_TTL);
        List<byte[]> keys = new ArrayList<>(keys(next.id()));
        keys.add(incoming);
        Long replaced = redis.execute(REPLACE, keys, bytes(Long.toString(expectedVersion)),
                bytes(Long.toString(next.version())), ttlMillis,
                step == null ? new byte[0] : bytes(step.idempotencyKey()),
                step == null ? new byte[0] : SessionCodec.encode(step), stepsRemembered, bytes(stamp));
        if (replaced != null && replaced == 1) {
            recent.put(new StoredSession(next, stamp));
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

    /** The session's hash, its idempotency records, the order in which those were written, and its state. */
    private static List<byte[]> keys(String id) {
        String base = base(id);
        return List.of(bytes(base), bytes(base + ":steps"), bytes(base + ":step-keys"), bytes(base + ":state"));
    }

    /** The session's hash; its other keys start with it (one hash slot). */
    private static String base(String id) {
        return "gradserve:session:{" + id + "}";
    }

    /**
     * The session's keys and the sorted set of its owner's sessions (by expiry time); sessions made
     * without API keys all share one owner, "-".
     */
    private static List<byte[]> keys(String id, String owner) {
        List<byte[]> keys = new ArrayList<>(keys(id));
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
