package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.migration.Stage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts, in the shadow stage, the messages the two backends disagree on, as comparisons of the
 * {@link StageController} (so the guard sees them):
 *
 * <ul>
 *   <li><b>extra</b>: the new backend delivered an id that was not handled from old within the
 *       grace period; one that was is a comparison that matched;
 *   <li><b>missing</b>: an id was handled from old and the new backend had not delivered it when
 *       the grace period ended.
 * </ul>
 *
 * Deliveries by new are recorded as seen in a {@link DedupStore} of their own (shared between
 * processes when the de-duplication store is), since another instance may be the one that
 * consumes a given message from new. The ids waiting for their missing check are bounded; past the
 * bound, further ones are not checked.
 */
final class ShadowTally implements AutoCloseable {
  private final StageController controller;
  private final DedupStore seenOnNew;
  private final long graceNanos;
  private final int maxPending;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>(); // guarded by lock
  private final ScheduledFuture<?> task;

  private record Pending(DeliveryKey key, long dueNanos) {}

  ShadowTally(StageController controller, DedupStore seenOnNew, Duration grace, int maxPending,
      ScheduledExecutorService scheduler) {
    this.controller = requireNonNull(controller, "controller");
    this.seenOnNew = requireNonNull(seenOnNew, "seenOnNew");
    this.graceNanos = grace.toNanos();
    this.maxPending = maxPending;
    long period = Math.max(10, Math.min(1000, grace.toMillis() / 4));
    this.task = scheduler.scheduleWithFixedDelay(this::checkDue, period, period, TimeUnit.MILLISECONDS);
  }

  /** The new backend delivered {@code key}. */
  void seenOnNew(DeliveryKey key) {
    seenOnNew.markHandled(key);
  }

  /** A delivery by new in shadow waited for old: {@code handledFromOld} says if old handled it. */
  void judgedOnNew(boolean handledFromOld) {
    if (handledFromOld) {
      controller.recordComparison(false);
    } else {
      controller.recordExtra();
    }
  }

  /** {@code key} was handled from old in shadow: check after the grace period that new had it. */
  void handledFromOld(DeliveryKey key) {
    lock.lock();
    try {
      if (pending.size() < maxPending) {
        pending.add(new Pending(key, System.nanoTime() + graceNanos));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Ids waiting for their missing check. */
  int pending() {
    lock.lock();
    try {
      return pending.size();
    } finally {
      lock.unlock();
    }
  }

  private void checkDue() {
    long now = System.nanoTime();
    while (true) {
      Pending due;
      lock.lock();
      try {
        Pending head = pending.peek();
        if (head == null || head.dueNanos() - now > 0) {
          return;
        }
        due = pending.poll();
      } finally {
        lock.unlock();
      }
      if (controller.stage() != Stage.SHADOW) {
        // Judged only while still in shadow: from live on, deliveries by new are handled at once
        // and not recorded as seen, so the check would count every message as missing.
        continue;
      }
      KeyedRouting.call(s -> s.isHandled(due.key()), seenOnNew).whenComplete((seen, t) -> {
        if (t == null && !seen) {
          controller.recordMissing();
        }
      });
    }
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
