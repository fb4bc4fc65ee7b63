package dev.gradserve.store;

import dev.gradserve.model.Weights;
import dev.gradserve.training.Session;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The sessions this instance last read from or wrote to Redis, least recently used first out, within
 * a bound on their numbers' memory. Every write to Redis stores a stamp beside the state, unique to that
 * write (not just its version, which a Redis that lost writes, say in a failover to a replica, could
 * reach again with other weights); the store asks Redis whether the stamp is still the one held here,
 * and only when it is not does it fetch the session's bytes. Thread-safe.
 */
final class RecentSessions {

    /** The record, its maps and tensor objects, whatever the size of the arrays. */
    private static final long OVERHEAD_BYTES = 4096;

    private final long maxBytes;
    private final LinkedHashMap<String, StoredSession> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** @param maxBytes memory the entries' numbers may take; 0 holds nothing */
    RecentSessions(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The session held for this id, or null. */
    synchronized StoredSession get(String id) {
        return sessions.get(id);
    }

    /**
     * Holds this state of the session in place of an older one (unless it alone exceeds the bound); a newer
     * one held already, put by another thread meanwhile, stays.
     */
    synchronized void put(StoredSession stored) {
        Session session = stored.session();
        StoredSession held = sessions.get(session.id());
        if (held != null && held.session().version() > session.version()) {
            return;
        }
        remove(session.id());
        long size = sizeOf(session);
        if (size > maxBytes) {
            return;
        }
        sessions.put(session.id(), stored);
        bytes += size;
        Iterator<StoredSession> eldest = sessions.values().iterator();
        while (bytes > maxBytes) {
            bytes -= sizeOf(eldest.next().session());
            eldest.remove();
        }
    }

    synchronized void remove(String id) {
        StoredSession removed = sessions.remove(id);
        if (removed != null) {
            bytes -= sizeOf(removed.session());
        }
    }

    /** Memory held now, as counted against the bound. */
    synchronized long bytes() {
        return bytes;
    }

    /** The heap its numbers take (doubles, whatever the precision) and a fixed allowance for the rest. */
    static long sizeOf(Session session) {
        long numbers = session.weights().parameterCount();
        for (Weights buffer : session.optimizerState().buffers().values()) {
            numbers += buffer.parameterCount();
        }
        return OVERHEAD_BYTES + Double.BYTES * numbers;
    }

    /** The ids held, least recently used first. */
    synchronized List<String> ids() {
        return List.copyOf(sessions.keySet());
    }
}
