package dev.gradserve.training;

import java.util.Optional;

/**
 * Where sessions live between calls: in memory (one instance) or in Redis (shared by instances).
 * A change is a compare-and-set on the version, so two writers can never both apply a step made
 * from the same version; the answer to an idempotent step is stored in the same atomic write.
 */
public interface SessionStore {

    /**
     * Stores a new session.
     *
     * @throws SessionLimitException when the store holds as many sessions as it may
     */
    void create(Session session);

    /** The session, unless it does not exist or has expired; reading it counts as activity. */
    Optional<Session> find(String id);

    /**
     * Replaces the session if the stored one is still at {@code expectedVersion}, and with it
     * records the answer of an idempotent step, atomically.
     *
     * @param step the answer to remember under its idempotency key, or null
     * @return false when the stored version had moved on (or the session is gone): nothing was written
     */
    boolean replace(Session next, long expectedVersion, StepRecord step);

    /** The recorded answer of a step taken with this idempotency key. */
    Optional<StepRecord> findStep(String id, String idempotencyKey);

    /** @return false when there was no such session */
    boolean delete(String id);

    /**
     * Checks that the store answers, for health checks.
     *
     * @throws RuntimeException when it does not
     */
    default void checkAvailable() {}
}
