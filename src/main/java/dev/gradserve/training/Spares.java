package dev.gradserve.training;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Lets a step copy a session's weights and optimizer buffers, which it then updates, into the arrays of the version
 * two steps old instead of new ones, when nothing can read that version any more: arrays in use already, where
 * new ones of the MLP's size are humongous allocations for G1 (5.6 MB a step for the MLP 784-256-128-10 with Adam).
 *
 * <p>Versions stay immutable for everyone who can see them. A version's arrays are taken only when a step in this
 * instance stored it, the next step here superseded it, and no reader was given it. Steps store through
 * {@link #store} and readers take a session through {@link #lend}, both under the session's {@link Lineage}
 * monitor: a reader marks the latest version as lent before a step can decide to keep it as the spare, claims a
 * spare before a step takes it, and reads again when what it found may have been taken already. A lineage tracks
 * every version it saw with a weak reference and goes when none of them can be reached, so a session that expired
 * or was deleted takes it along, and a version a reader holds keeps its lineage; the spare is held softly (the JVM
 * reclaims it before it runs out of memory).
 */
final class Spares {

    private final ConcurrentHashMap<String, Lineage> lineages = new ConcurrentHashMap<>();
    private final ReferenceQueue<Session> collected = new ReferenceQueue<>();

    /** What this instance's steps did to one session. Guarded by its own monitor. */
    final class Lineage {

        private final String id;
        /** References to the versions it saw that were not yet collected (a reference must be held to be queued). */
        private final Set<Seen> seen = ConcurrentHashMap.newKeySet();
        /** The version the last step here stored. */
        private Seen latest;
        private boolean latestLent;
        /** The version the latest replaced, when a step here stored both and no reader was given it. */
        private SoftReference<Session> spare;
        /** The highest version whose arrays a step took. */
        private long takenUpTo = -1;

        private Lineage(String id) {
            this.id = id;
        }

        /**
         * The spare, to write the next version into, when {@code session}, which the step computes from, is the
         * latest; it is no longer a spare.
         */
        synchronized Optimizers.Update takeSpare(Session session) {
            Session taken = spare == null || !isLatest(session) ? null : spare.get();
            spare = null;
            if (taken == null) {
                return null;
            }
            takenUpTo = Math.max(takenUpTo, taken.version());
            return new Optimizers.Update(taken.weights(), taken.optimizerState());
        }

        private boolean isLatest(Session session) {
            return latest != null && latest.get() == session;
        }

        private Seen see(Session session) {
            Seen reference = new Seen(session, this, collected);
            seen.add(reference);
            return reference;
        }
    }

    /** A weak reference to a version a lineage saw. */
    private static final class Seen extends WeakReference<Session> {

        private final Lineage lineage;

        Seen(Session session, Lineage lineage, ReferenceQueue<Session> queue) {
            super(session, queue);
            this.lineage = lineage;
        }
    }

    /** The lineage of the session a step read, created on its first step here. */
    Lineage lineage(Session read) {
        for (Seen gone; (gone = (Seen) collected.poll()) != null; ) {
            Seen reference = gone;
            lineages.computeIfPresent(reference.lineage.id, (id, known) ->
                    known.seen.remove(reference) && known.seen.isEmpty() ? null : known);
        }
        // A new lineage sees the version read (the step holds it, and then sees the version it stores) so that it
        // goes with its session even when no step here stores anything.
        return lineages.computeIfAbsent(read.id(), id -> {
            Lineage lineage = new Lineage(id);
            lineage.see(read);
            return lineage;
        });
    }

    /**
     * A session as a reader takes it: what {@code find} answers, which no step overwrites while anything can reach
     * it. Without a lineage, no step here can take what was found (a version a step here stored keeps its lineage).
     */
    Optional<Session> lend(String id, Supplier<Optional<Session>> find) {
        Optional<Session> found = find.get();
        Lineage lineage = found.isEmpty() ? null : lineages.get(id);
        if (lineage == null) {
            return found;
        }
        synchronized (lineage) {
            Session session = found.get();
            if (lineage.spare != null && lineage.spare.get() == session) {
                lineage.spare = null;
                return found;
            }
            if (session.version() <= lineage.takenUpTo) {
                // Perhaps taken by a step since it was found: read again, atomically with the steps' stores.
                found = find.get();
            }
            if (found.isPresent() && lineage.isLatest(found.get())) {
                lineage.latestLent = true;
            }
            return found;
        }
    }

    /**
     * Stores a step's version through {@code replace} (the store's compare-and-set); when it succeeds, the version
     * it replaced becomes the spare if a step here stored it and no reader was given it.
     *
     * @param read the version the step computed from
     * @param next the version it stores
     */
    boolean store(Lineage lineage, Session read, Session next, BooleanSupplier replace) {
        synchronized (lineage) {
            if (!replace.getAsBoolean()) {
                return false;
            }
            lineage.spare = lineage.isLatest(read) && !lineage.latestLent ? new SoftReference<>(read) : null;
            lineage.latest = lineage.see(next);
            lineage.latestLent = false;
            return true;
        }
    }

    /** Whether this instance keeps a lineage for the session (for tests). */
    boolean tracks(String id) {
        return lineages.containsKey(id);
    }

    /** Lets go of a deleted session's spare. */
    void forget(String id) {
        Lineage lineage = lineages.get(id);
        if (lineage != null) {
            synchronized (lineage) {
                lineage.spare = null;
            }
        }
    }
}
