package dev.gradserve.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.training.Session;
import org.junit.jupiter.api.Test;

/** The instance's cache of Redis sessions: within its memory bound, least recently used out, newest version kept. */
class RecentSessionsTest {

    /** 1,000 numbers in the weights and 1,000 in the optimizer's buffer: 16,000 bytes and the allowance. */
    private static final long SIZE = RecentSessions.sizeOf(SampleSessions.large(1_000));

    @Test
    void aSessionIsCountedByTheDoublesItsWeightsAndBuffersHold() {
        assertThat(SIZE).isEqualTo(4096 + 2 * 1_000 * Double.BYTES);
    }

    @Test
    void theLeastRecentlyUsedSessionsLeaveWhenTheBoundIsReached() {
        RecentSessions recent = new RecentSessions(3 * SIZE);
        Session a = SampleSessions.large(1_000);
        Session b = SampleSessions.large(1_000);
        Session c = SampleSessions.large(1_000);
        Session d = SampleSessions.large(1_000);
        recent.put(new StoredSession(a, "s-" + a.version()));
        recent.put(new StoredSession(b, "s-" + b.version()));
        recent.put(new StoredSession(c, "s-" + c.version()));
        assertThat(recent.get(a.id()).session()).isSameAs(a);
        recent.put(new StoredSession(d, "s-" + d.version()));
        assertThat(recent.ids()).containsExactly(c.id(), a.id(), d.id());
        assertThat(recent.get(b.id())).isNull();
        assertThat(recent.bytes()).isEqualTo(3 * SIZE);
        recent.remove(a.id());
        assertThat(recent.bytes()).isEqualTo(2 * SIZE);
        assertThat(recent.ids()).containsExactly(c.id(), d.id());
    }

    @Test
    void aSessionLargerThanTheBoundIsNotHeldAndEvictsNothing() {
        RecentSessions recent = new RecentSessions(2 * SIZE);
        Session small = SampleSessions.large(1_000);
        recent.put(new StoredSession(small, "s-" + small.version()));
        recent.put(new StoredSession(SampleSessions.large(3_000), "s"));
        assertThat(recent.ids()).containsExactly(small.id());
        assertThat(new RecentSessions(0)).satisfies(none -> {
            none.put(new StoredSession(small, "s"));
            assertThat(none.get(small.id())).isNull();
            assertThat(none.bytes()).isZero();
        });
    }

    @Test
    void aNewerVersionReplacesTheHeldOneAndAnOlderOneDoesNot() {
        RecentSessions recent = new RecentSessions(10 * SIZE);
        Session first = SampleSessions.large(1_000);
        Session second = SampleSessions.next(first);
        recent.put(new StoredSession(first, "s-" + first.version()));
        recent.put(new StoredSession(second, "s-" + second.version()));
        assertThat(recent.get(first.id()).session()).isSameAs(second);
        recent.put(new StoredSession(first, "s-" + first.version()));
        assertThat(recent.get(first.id()).session()).as("a slower reader's older copy").isSameAs(second);
        assertThat(recent.bytes()).isEqualTo(SIZE);
    }
}
