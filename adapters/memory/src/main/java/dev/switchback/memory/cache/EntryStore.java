package dev.switchback.memory.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The entries of one {@link MemoryCache}: a concurrent map with expiry, a bound on the number of
 * entries enforced first in, first out, and an amortised sweep of expired entries.
 *
 * <p>Every key that enters the map gets a {@link Slot}, queued in insertion order; overwriting a
 * key keeps its slot, so its place in the queue is where it first entered. When the map holds more
 * than {@code maxEntries}, slots are taken from the head of the queue and their keys removed. A
 * slot whose key has since been deleted or purged is stale and skipped.
 *
 * <p>Only insertions of new keys grow the map and the queue, so only they pay for the sweep: after
 * {@code max(MIN_INSERTIONS_BETWEEN_SWEEPS, size)} insertions the inserting thread removes every
 * expired entry and every stale slot. The cost per insertion is constant on average, and the map
 * never holds more than its live entries plus the keys inserted since the last sweep.
 */
final class EntryStore {
  /** The expiry of an entry that never expires. */
  static final long NO_EXPIRY = Long.MAX_VALUE;

  /** Fewest insertions between two sweeps, so small caches do not sweep on every write. */
  static final int MIN_INSERTIONS_BETWEEN_SWEEPS = 1024;

  private final ConcurrentHashMap<String, Stored> entries = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Slot> insertionOrder = new ConcurrentLinkedQueue<>();
  private final AtomicInteger insertionsSinceSweep = new AtomicInteger();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final int maxEntries;
  private volatile int sweepThreshold = MIN_INSERTIONS_BETWEEN_SWEEPS;

  EntryStore(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** The live entry under {@code key}, or null. An expired entry met here is removed. */
  @Nullable Stored live(String key, long nowMillis) {
    Stored stored = entries.get(key);
    if (stored == null) {
      return null;
    }
    if (stored.isExpiredAt(nowMillis)) {
      entries.remove(key, stored);
      return null;
    }
    return stored;
  }

  /** Stores {@code value}, which the store now owns, replacing any entry under {@code key}. */
  void put(String key, byte[] value, long expiresAtMillis, long nowMillis) {
    Slot fresh = new Slot(key);
    Stored stored =
        entries.compute(
            key, (k, prev) -> new Stored(value, expiresAtMillis, prev == null ? fresh : prev.slot));
    if (stored.slot == fresh) {
      inserted(fresh, nowMillis);
    }
  }

  /** Stores {@code value} unless a live entry is under {@code key}; true if it stored it. */
  boolean putIfAbsent(String key, byte[] value, long expiresAtMillis, long nowMillis) {
    Slot fresh = new Slot(key);
    Stored stored =
        entries.compute(
            key,
            (k, prev) -> {
              if (prev == null) {
                return new Stored(value, expiresAtMillis, fresh);
              }
              return prev.isExpiredAt(nowMillis)
                  ? new Stored(value, expiresAtMillis, prev.slot)
                  : prev;
            });
    if (stored.slot == fresh) {
      inserted(fresh, nowMillis);
    }
    // The array is the caller's private copy, so identity tells whether this call stored it.
    return stored.value == value;
  }

  /** Removes {@code key}; true if the removed entry was live. */
  boolean delete(String key, long nowMillis) {
    Stored removed = entries.remove(key);
    return removed != null && !removed.isExpiredAt(nowMillis);
  }

  /** Removes every expired entry and every stale slot; returns the number of entries removed. */
  int purgeExpired(long nowMillis) {
    int removed = 0;
    for (Map.Entry<String, Stored> entry : entries.entrySet()) {
      Stored stored = entry.getValue();
      if (stored.isExpiredAt(nowMillis) && entries.remove(entry.getKey(), stored)) {
        removed++;
      }
    }
    insertionOrder.removeIf(slot -> !isCurrent(slot));
    return removed;
  }

  /** Entries held, expired ones not yet purged included. */
  int size() {
    return entries.size();
  }

  void clear() {
    entries.clear();
    insertionOrder.clear();
  }

  private void inserted(Slot slot, long nowMillis) {
    insertionOrder.add(slot);
    if (entries.size() > maxEntries) {
      evictOldest();
    }
    if (insertionsSinceSweep.incrementAndGet() >= sweepThreshold
        && sweeping.compareAndSet(false, true)) {
      try {
        insertionsSinceSweep.set(0);
        purgeExpired(nowMillis);
        sweepThreshold = Math.max(MIN_INSERTIONS_BETWEEN_SWEEPS, entries.size());
      } finally {
        sweeping.set(false);
      }
    }
  }

  private void evictOldest() {
    while (entries.size() > maxEntries) {
      Slot oldest = insertionOrder.poll();
      if (oldest == null) {
        return;
      }
      // Atomic check: the key may have been deleted and inserted again under a newer slot.
      entries.computeIfPresent(oldest.key, (k, stored) -> stored.slot == oldest ? null : stored);
    }
  }

  private boolean isCurrent(Slot slot) {
    Stored stored = entries.get(slot.key);
    return stored != null && stored.slot == slot;
  }

  /** One stored value. Compared by identity, so a conditional remove removes only this one. */
  static final class Stored {
    final byte[] value;
    final long expiresAtMillis;
    final Slot slot;

    Stored(byte[] value, long expiresAtMillis, Slot slot) {
      this.value = value;
      this.expiresAtMillis = expiresAtMillis;
      this.slot = slot;
    }

    boolean isExpiredAt(long nowMillis) {
      return nowMillis >= expiresAtMillis;
    }
  }

  /** The place of one key in insertion order, from when it entered the map until it leaves. */
  static final class Slot {
    final String key;

    Slot(String key) {
      this.key = key;
    }
  }
}
