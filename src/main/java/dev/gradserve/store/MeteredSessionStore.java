package dev.gradserve.store;

import dev.gradserve.training.Session;
import dev.gradserve.training.SessionLimitException;
import dev.gradserve.training.SessionStore;
import dev.gradserve.training.StepRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A session store that counts its failures in {@code gradserve.session.store.errors}, tagged with the
 * operation and the exception's class (a Redis that does not answer shows as
 * {@code RedisConnectionFailureException} or {@code QueryTimeoutException}), and passes every call and
 * every exception on unchanged. A full in-memory store refusing a new session is an answer, not a
 * failure, and is not counted.
 */
public final class MeteredSessionStore implements SessionStore {

    static final String ERRORS = "gradserve.session.store.errors";

    private final SessionStore store;
    private final MeterRegistry registry;

    public MeteredSessionStore(SessionStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @Override
    public void create(Session session) {
        metered("create", () -> {
            store.create(session);
            return null;
        });
    }

    @Override
    public Optional<Session> find(String id) {
        return metered("find", () -> store.find(id));
    }

    @Override
    public boolean replace(Session next, long expectedVersion, StepRecord step) {
        return metered("replace", () -> store.replace(next, expectedVersion, step));
    }

    @Override
    public Optional<StepRecord> findStep(String id, String idempotencyKey) {
        return metered("findStep", () -> store.findStep(id, idempotencyKey));
    }

    @Override
    public boolean delete(String id) {
        return metered("delete", () -> store.delete(id));
    }

    @Override
    public void checkAvailable() {
        metered("checkAvailable", () -> {
            store.checkAvailable();
            return null;
        });
    }

    private <T> T metered(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SessionLimitException refusal) {
            throw refusal;
        } catch (RuntimeException failure) {
            Counter.builder(ERRORS)
                    .description("Session store operations that failed")
                    .tag("operation", operation)
                    .tag("exception", failure.getClass().getSimpleName())
                    .register(registry)
                    .increment();
            throw failure;
        }
    }
}
