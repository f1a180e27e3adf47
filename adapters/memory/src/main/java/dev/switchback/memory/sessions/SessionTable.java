package dev.switchback.memory.sessions;

import dev.switchback.BackendUnavailableException;
import dev.switchback.sessions.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The sessions of one {@link MemorySessions}: a concurrent map that treats expired sessions as
 * absent, refuses new sessions beyond a bound, and sweeps out expired ones.
 *
 * <p>An expired session is removed when an operation meets it, and in bulk by a sweep that the
 * inserting thread runs after {@code max(MIN_INSERTIONS_BETWEEN_SWEEPS, size)} insertions, at a
 * constant cost per insertion on average. A full table also sweeps before refusing, at most once
 * per {@link MemorySessions#FULL_STORE_PURGE_INTERVAL}, so a flood of refused creates cannot keep a
 * core busy scanning.
 */
final class SessionTable {
  /** Fewest insertions between two sweeps, so small stores do not sweep on every create. */
  static final int MIN_INSERTIONS_BETWEEN_SWEEPS = 1024;

  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger insertionsSinceSweep = new AtomicInteger();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final int maxSessions;
  private final Duration fullPurgeInterval;
  private volatile int sweepThreshold = MIN_INSERTIONS_BETWEEN_SWEEPS;
  private volatile Instant nextFullPurge = Instant.MIN;

  SessionTable(int maxSessions, Duration fullPurgeInterval) {
    this.maxSessions = maxSessions;
    this.fullPurgeInterval = fullPurgeInterval;
  }

  /** The live session {@code id}, or null. An expired session met here is removed. */
  @Nullable Session live(String id, Instant now) {
    Session session = sessions.get(id);
    if (session != null && session.isExpiredAt(now)) {
      sessions.remove(id, session);
      return null;
    }
    return session;
  }

  /**
   * Stores {@code session} unless its id is taken; false if it is.
   *
   * @throws BackendUnavailableException if the table is full
   */
  boolean insert(Session session, Instant now) {
    makeRoom(now);
    if (sessions.putIfAbsent(session.id(), session) != null) {
      return false;
    }
    inserted(now);
    return true;
  }

  /**
   * Atomically replaces live session {@code id} with {@code change} of it. An expired session is
   * removed instead. If {@code change} throws, the stored session stays as it was.
   *
   * @return the new session, or null if there was no live one
   */
  @Nullable Session changeLive(String id, Instant now, UnaryOperator<Session> change) {
    return sessions.computeIfPresent(
        id, (k, current) -> current.isExpiredAt(now) ? null : change.apply(current));
  }

  /** Removes session {@code id}; true if it was live. */
  boolean delete(String id, Instant now) {
    Session removed = sessions.remove(id);
    return removed != null && !removed.isExpiredAt(now);
  }

  /**
   * Stores {@code session} in place of any with its id, or removes that one if {@code session} has
   * expired.
   *
   * @throws BackendUnavailableException if the id is new and the table is full
   */
  void replace(Session session, Instant now) {
    if (session.isExpiredAt(now)) {
      sessions.remove(session.id());
      return;
    }
    if (!sessions.containsKey(session.id())) {
      makeRoom(now);
    }
    if (sessions.put(session.id(), session) == null) {
      inserted(now);
    }
  }

  /** Removes every expired session; returns how many. */
  int purgeExpired(Instant now) {
    int removed = 0;
    for (Map.Entry<String, Session> entry : sessions.entrySet()) {
      if (entry.getValue().isExpiredAt(now) && sessions.remove(entry.getKey(), entry.getValue())) {
        removed++;
      }
    }
    return removed;
  }

  /** Sessions held, expired ones not yet removed included. */
  int size() {
    return sessions.size();
  }

  void clear() {
    sessions.clear();
  }

  private void makeRoom(Instant now) {
    if (sessions.size() < maxSessions) {
      return;
    }
    if (!now.isBefore(nextFullPurge)) {
      nextFullPurge = now.plus(fullPurgeInterval);
      purgeExpired(now);
    }
    if (sessions.size() >= maxSessions) {
      throw new BackendUnavailableException(
          "the memory session store is full: it holds its limit of " + maxSessions + " sessions");
    }
  }

  private void inserted(Instant now) {
    if (insertionsSinceSweep.incrementAndGet() >= sweepThreshold
        && sweeping.compareAndSet(false, true)) {
      try {
        insertionsSinceSweep.set(0);
        purgeExpired(now);
        sweepThreshold = Math.max(MIN_INSERTIONS_BETWEEN_SWEEPS, sessions.size());
      } finally {
        sweeping.set(false);
      }
    }
  }
}
