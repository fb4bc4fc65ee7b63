package dev.gradserve.store;

import dev.gradserve.training.Session;
import dev.gradserve.training.SessionLimitException;
import dev.gradserve.training.SessionStore;
import dev.gradserve.training.StepRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in this process's memory: the default, for one instance. Bounded in number; a session
 * unused for the idle timeout expires. Idempotency records are kept for a session's latest steps.
 */
public final class InMemorySessionStore implements SessionStore {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxSessions;
    private final int maxPerOwner;
    private final Duration idleTimeout;
    private final int stepsRemembered;
    private final Clock clock;

    /**
     * @param maxSessions     sessions held at most
     * @param maxPerOwner     sessions one owner (API key) holds at most; without keys, all sessions together
     * @param idleTimeout     a session unused this long expires
     * @param stepsRemembered idempotency records kept per session
     */
    public InMemorySessionStore(int maxSessions, int maxPerOwner, Duration idleTimeout, int stepsRemembered, Clock clock) {
        this.maxSessions = maxSessions;
        this.maxPerOwner = maxPerOwner;
        this.idleTimeout = idleTimeout;
        this.stepsRemembered = stepsRemembered;
        this.clock = clock;
    }

    /** A session with its idempotency records; guarded by its own monitor. */
    private final class Entry {
        private Session session;
        private volatile long lastUsedMillis;
        private final Map<String, StepRecord> steps = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StepRecord> eldest) {
                return size() > stepsRemembered;
            }
        };

        Entry(Session session) {
            this.session = session;
            this.lastUsedMillis = clock.millis();
        }

        boolean expired(long now) {
            return now - lastUsedMillis > idleTimeout.toMillis();
        }
    }

    @Override
    public void create(Session session) {
        if (entries.size() >= maxSessions) {
            removeExpired();
            if (entries.size() >= maxSessions) {
                throw new SessionLimitException("the server holds its maximum of " + maxSessions
                        + " sessions; delete sessions you no longer use, or wait for idle ones to expire", false);
            }
        }
        long now = clock.millis();
        long owned = entries.values().stream()
                .filter(entry -> Objects.equals(session.owner(), entry.session.owner()) && !entry.expired(now)).count();
        if (owned >= maxPerOwner) {
            throw new SessionLimitException((session.owner() == null ? "without API keys, everyone together holds"
                    : "this API key holds") + " its maximum of " + maxPerOwner
                    + " sessions; delete sessions you no longer use, or wait for idle ones to expire", true);
        }
        entries.put(session.id(), new Entry(session));
    }


    @Override
    public Optional<Session> find(String id) {
        Entry entry = live(id);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            entry.lastUsedMillis = clock.millis();
            return Optional.of(entry.session);
        }
    }

    @Override
    public boolean replace(Session next, long expectedVersion, StepRecord step) {
        Entry entry = live(next.id());
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            if (entry.session.version() != expectedVersion) {
                return false;
            }
            entry.session = next;
            entry.lastUsedMillis = clock.millis();
            if (step != null) {
                entry.steps.put(step.idempotencyKey(), step);
            }
            return true;
        }
    }

    @Override
    public Optional<StepRecord> findStep(String id, String idempotencyKey) {
        Entry entry = live(id);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            return Optional.ofNullable(entry.steps.get(idempotencyKey));
        }
    }

    @Override
    public boolean delete(String id) {
        return entries.remove(id) != null;
    }

    /** Sessions held, counting expired ones until they are next looked up or removed. */
    public int size() {
        return entries.size();
    }

    /** Drops every session idle for longer than the timeout. */
    public void removeExpired() {
        long now = clock.millis();
        entries.entrySet().removeIf(e -> e.getValue().expired(now));
    }

    private Entry live(String id) {
        Entry entry = entries.get(id);
        if (entry != null && entry.expired(clock.millis())) {
            entries.remove(id, entry);
            return null;
        }
        return entry;
    }
}
