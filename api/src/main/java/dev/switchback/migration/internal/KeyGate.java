package dev.switchback.migration.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An asynchronous per-key shared/exclusive gate. Ordinary writes share a key: they may overlap,
 * and when the last one leaves a group that overlapped, the gate runs the caller's action (journal
 * the key for repair) before the key shows as free. Repairs and copy-on-read are exclusive: they wait for the writes in flight and
 * hold later ones back, so a copy never lands on top of a newer write. Waiters are served in
 * arrival order. Idle keys take no memory.
 */
final class KeyGate {
  private static final CompletableFuture<Void> GRANTED = CompletableFuture.completedFuture(null);

  private final ConcurrentHashMap<String, KeyState> states = new ConcurrentHashMap<>();

  private static final class KeyState {
    int shared;
    int effective;
    boolean exclusive;
    boolean overlapped;
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>(2);

    boolean idle() {
      return shared == 0 && !exclusive && waiters.isEmpty();
    }
  }

  private record Waiter(boolean exclusive, CompletableFuture<Void> granted) {}

  /** Completes when the caller may write {@code key} alongside other ordinary writes. */
  CompletionStage<Void> acquireShared(String key) {
    CompletableFuture<Void>[] wait = waitSlot();
    states.compute(
        key,
        (k, s) -> {
          if (s == null) {
            s = new KeyState();
          }
          if (s.exclusive || !s.waiters.isEmpty()) {
            wait[0] = new CompletableFuture<>();
            s.waiters.add(new Waiter(false, wait[0]));
          } else if (++s.shared > 1) {
            s.overlapped = true;
          }
          return s;
        });
    return wait[0] == null ? GRANTED : wait[0];
  }

  /**
   * Leaves a shared hold. When this was the last of a group of overlapping writes of which at
   * least two changed the store ({@code effective}) — the two stores may have applied those in
   * different orders — runs {@code onOverlap} before the key shows as idle, so nobody sees the
   * key free of writers before the divergence is recorded. Writes that changed nothing (failed,
   * or a put-if-absent that found a value) cannot reorder anything and do not count.
   */
  void releaseShared(String key, boolean effective, Runnable onOverlap) {
    List<CompletableFuture<Void>> grant = new ArrayList<>(1);
    states.computeIfPresent(
        key,
        (k, s) -> {
          if (effective) {
            s.effective++;
          }
          if (--s.shared == 0) {
            if (s.overlapped && s.effective >= 2) {
              onOverlap.run();
            }
            s.overlapped = false;
            s.effective = 0;
            grantNext(s, grant);
          }
          return s.idle() ? null : s;
        });
    grant.forEach(f -> f.complete(null));
  }

  /** Completes when the caller alone may write {@code key}. */
  CompletionStage<Void> acquireExclusive(String key) {
    CompletableFuture<Void>[] wait = waitSlot();
    states.compute(
        key,
        (k, s) -> {
          if (s == null) {
            s = new KeyState();
          }
          if (s.exclusive || s.shared > 0 || !s.waiters.isEmpty()) {
            wait[0] = new CompletableFuture<>();
            s.waiters.add(new Waiter(true, wait[0]));
          } else {
            s.exclusive = true;
          }
          return s;
        });
    return wait[0] == null ? GRANTED : wait[0];
  }

  /** Leaves an exclusive hold. */
  void releaseExclusive(String key) {
    List<CompletableFuture<Void>> grant = new ArrayList<>(1);
    states.computeIfPresent(
        key,
        (k, s) -> {
          s.exclusive = false;
          grantNext(s, grant);
          return s.idle() ? null : s;
        });
    grant.forEach(f -> f.complete(null));
  }

  /** Whether any write holds or waits for {@code key}. */
  boolean busy(String key) {
    return states.containsKey(key);
  }

  private static void grantNext(KeyState s, List<CompletableFuture<Void>> grant) {
    Waiter head = s.waiters.peek();
    if (head == null) {
      return;
    }
    if (head.exclusive()) {
      s.waiters.poll();
      s.exclusive = true;
      grant.add(head.granted());
      return;
    }
    while (s.waiters.peek() != null && !s.waiters.peek().exclusive()) {
      grant.add(s.waiters.poll().granted());
      if (++s.shared > 1) {
        s.overlapped = true;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static CompletableFuture<Void>[] waitSlot() {
    return new CompletableFuture[1];
  }
}
