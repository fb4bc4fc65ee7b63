package dev.gradserve.store;

import dev.gradserve.training.Session;

/**
 * A session as one write stored it in Redis.
 *
 * @param stamp unique to that write (its version and 64 random bits); "" for a session stored before stamps
 */
record StoredSession(Session session, String stamp) {}
