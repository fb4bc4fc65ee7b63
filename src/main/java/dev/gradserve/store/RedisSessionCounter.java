package dev.gradserve.store;

import java.time.Clock;
import java.time.Duration;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

/**
 * Counts the sessions in Redis for the active-sessions gauge. Redis keeps no count of them, and
 * {@code DBSIZE} would also count each session's idempotency records, so this walks the keys with
 * {@code SCAN MATCH gradserve:session:{*}} (the session hashes {@link RedisSessionStore} writes; their
 * idempotency keys end in {@code :steps} and {@code :step-keys} and do not match), 1000 keys per round trip,
 * never blocking Redis. A walk costs one pass over the keyspace, so its answer is reused for
 * {@code maxAge}: however often it is scraped, each replica walks once per period. (SCAN may return a key
 * twice while Redis resizes its table, so the count can briefly be a little high.)
 */
public final class RedisSessionCounter {

    private static final ScanOptions SESSION_HASHES = ScanOptions.scanOptions()
            .match("gradserve:session:{*}").count(1000).build();

    private final RedisTemplate<byte[], byte[]> redis;
    private final Duration maxAge;
    private final Clock clock;
    private long nextWalkMillis;
    private double count = Double.NaN;

    public RedisSessionCounter(RedisTemplate<byte[], byte[]> redis, Duration maxAge, Clock clock) {
        this.redis = redis;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Sessions in Redis, counted at most {@code maxAge} ago; NaN (no sample) when Redis does not answer. */
    public synchronized double count() {
        long now = clock.millis();
        if (now >= nextWalkMillis) {
            count = walk();
            nextWalkMillis = now + maxAge.toMillis();
        }
        return count;
    }

    private double walk() {
        long sessions = 0;
        try (Cursor<byte[]> keys = redis.scan(SESSION_HASHES)) {
            while (keys.hasNext()) {
                keys.next();
                sessions++;
            }
            return sessions;
        } catch (RuntimeException redisDown) {
            return Double.NaN;
        }
    }
}
