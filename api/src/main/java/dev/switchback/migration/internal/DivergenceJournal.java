package dev.switchback.migration.internal;

import dev.switchback.migration.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Keys whose two stores may differ, each with the side that holds the truth. An entry is
 * written when a non-authoritative write fails, times out or overlapped another write of the
 * same key, and when an authoritative write timed out (it may have applied). Reads of a key in
 * the journal go to the side holding its truth; the {@link Reconciler} copies the truth across
 * and removes the entry.
 *
 * <p>{@link #isEmpty()} is exact under concurrent updates: reads skip the journal when it is
 * empty, so it must never call the journal empty while an entry is present. The map's own size is
 * only an estimate while other threads add and remove keys (an entry removed before its insertion
 * was counted, or counter cells summed while they change, make it read low), so the journal keeps
 * its own count, changed inside the map's per-key update that adds or removes the entry.
 */
final class DivergenceJournal {

  /**
   * One divergent key.
   *
   * @param key the key (for messaging, topic and message id)
   * @param truth the side holding the value to copy
   * @param payload what the repair needs beyond the key (for messaging, the message), or null
   * @param attempts failed repair attempts so far
   * @param notBeforeNanos no repair before this {@link System#nanoTime()}
   */
  record Divergence(
      String key, Side truth, @Nullable Object payload, int attempts, long notBeforeNanos) {}

  private final ConcurrentHashMap<String, Divergence> entries = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();

  boolean isEmpty() {
    return size.get() == 0;
  }

  int size() {
    return size.get();
  }

  boolean contains(String key) {
    return entries.containsKey(key);
  }

  /** The side holding the truth for {@code key}, if the key is divergent. */
  Optional<Side> truthFor(String key) {
    Divergence d = entries.get(key);
    return d == null ? Optional.empty() : Optional.of(d.truth());
  }

  /** Records that {@code truth} holds the value of {@code key}; replaces an older entry. */
  void record(String key, Side truth, @Nullable Object payload) {
    entries.compute(
        key,
        (k, old) -> {
          if (old == null) {
            size.incrementAndGet();
          }
          return new Divergence(k, truth, payload, 0, 0L);
        });
  }

  /** Points an existing entry at {@code truth}; does nothing if the key is not divergent. */
  void retarget(String key, Side truth) {
    entries.computeIfPresent(
        key, (k, d) -> d.truth() == truth ? d : new Divergence(k, truth, d.payload(), 0, 0L));
  }

  /** Forgets {@code key}: both stores hold the same value. */
  void resolve(String key) {
    entries.computeIfPresent(key, (k, d) -> removed());
  }

  /**
   * Removes {@code d} if it is still the entry for its key. Compared by identity: a newer
   * divergence recorded meanwhile may be equal in value, and must survive.
   */
  void resolveIfUnchanged(Divergence d) {
    entries.computeIfPresent(d.key(), (k, current) -> current == d ? removed() : current);
  }

  /** Replaces {@code d}, if still the entry (by identity), with a copy due after {@code backoffNanos}. */
  void postpone(Divergence d, long backoffNanos) {
    entries.computeIfPresent(
        d.key(),
        (k, current) -> current != d
            ? current
            : new Divergence(
                k, d.truth(), d.payload(), d.attempts() + 1, System.nanoTime() + backoffNanos));
  }

  /** Counts a removal; called inside the map's update that removes the entry, so it returns null. */
  private @Nullable Divergence removed() {
    size.decrementAndGet();
    return null;
  }

  /** Up to {@code max} entries due for repair now. */
  List<Divergence> due(int max) {
    long now = System.nanoTime();
    List<Divergence> out = new ArrayList<>();
    for (Divergence d : entries.values()) {
      if (d.notBeforeNanos() - now <= 0) {
        out.add(d);
        if (out.size() >= max) {
          break;
        }
      }
    }
    return out;
  }
}
