package dev.gradserve.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradserve.model.DType;
import dev.gradserve.training.Session;
import dev.gradserve.training.SessionLimitException;
import dev.gradserve.training.StepRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void anIdleSessionExpiresAndUseKeepsItAlive() {
        InMemorySessionStore store = new InMemorySessionStore(10, 3, Duration.ofMinutes(30), 10, clock);
        Session session = SampleSessions.sample(DType.FLOAT64);
        store.create(session);
        clock.advance(Duration.ofMinutes(20));
        assertThat(store.find(session.id())).isPresent();
        clock.advance(Duration.ofMinutes(20));
        assertThat(store.find(session.id())).as("used 20 minutes ago").isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.find(session.id())).isEmpty();
        assertThat(store.replace(SampleSessions.next(session), 0, null)).isFalse();
    }

    @Test
    void theNumberOfSessionsIsBoundedButExpiredOnesMakeRoom() {
        InMemorySessionStore store = new InMemorySessionStore(2, 3, Duration.ofMinutes(30), 10, clock);
        store.create(SampleSessions.sample(DType.FLOAT64));
        store.create(SampleSessions.sample(DType.FLOAT64));
        assertThatThrownBy(() -> store.create(SampleSessions.sample(DType.FLOAT64)))
                .isInstanceOf(SessionLimitException.class).hasMessageContaining("2 sessions");
        clock.advance(Duration.ofMinutes(31));
        store.create(SampleSessions.sample(DType.FLOAT64));
    }

    @Test
    void oneOwnerHoldsAtMostItsLimitOfSessions() {
        InMemorySessionStore store = new InMemorySessionStore(10, 2, Duration.ofMinutes(30), 10, clock);
        store.create(owned("key-a"));
        store.create(owned("key-a"));
        store.create(owned("key-b"));
        assertThatThrownBy(() -> store.create(owned("key-a"))).isInstanceOf(SessionLimitException.class)
                .matches(e -> ((SessionLimitException) e).perClient());
        store.create(SampleSessions.sample(DType.FLOAT64));
    }

    private static Session owned(String owner) {
        Session s = SampleSessions.sample(DType.FLOAT64);
        return new Session(s.id(), owner, s.network(), s.dtype(), s.optimizer(), s.weights(), s.optimizerState(), s.step(),
                s.version(), s.lastLoss(), s.createdAt(), s.updatedAt());
    }

    @Test
    void replaceIsACompareAndSetAndKeepsTheLatestIdempotencyRecords() {
        InMemorySessionStore store = new InMemorySessionStore(10, 3, Duration.ofMinutes(30), 2, clock);
        Session session = SampleSessions.sample(DType.FLOAT64);
        store.create(session);
        for (int i = 1; i <= 3; i++) {
            Session next = SampleSessions.next(session);
            assertThat(store.replace(next, session.version(), new StepRecord("key-" + i, new byte[0], i, new byte[0]))).isTrue();
            assertThat(store.replace(next, session.version(), null)).as("stale").isFalse();
            session = next;
        }
        assertThat(store.findStep(session.id(), "key-1")).isEmpty();
        assertThat(store.findStep(session.id(), "key-3")).isPresent();
    }
}
