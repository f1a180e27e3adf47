package dev.switchback.migration.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Counts events and failures over a sliding time window in ten buckets, without locks.
 * Approximate at bucket edges, which is enough for a guard that compares a rate to a bound.
 */
final class SlidingWindow {
  private static final int BUCKETS = 10;

  private final long bucketNanos;
  private final LongSupplier nanoClock;
  private final AtomicLongArray stamps = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray totals = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray failures = new AtomicLongArray(BUCKETS);

  SlidingWindow(Duration window, LongSupplier nanoClock) {
    this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
    this.nanoClock = nanoClock;
    long now = nanoClock.getAsLong() / bucketNanos;
    for (int i = 0; i < BUCKETS; i++) {
      stamps.set(i, now);
    }
  }

  void record(boolean failed) {
    record(failed, nanoClock.getAsLong());
  }

  /** Records at {@code nowNanos}, a {@link System#nanoTime()} the caller already read. */
  void record(boolean failed, long nowNanos) {
    long slot = nowNanos / bucketNanos;
    int i = (int) Math.floorMod(slot, (long) BUCKETS);
    long stamp = stamps.get(i);
    if (stamp != slot && stamps.compareAndSet(i, stamp, slot)) {
      totals.set(i, 0);
      failures.set(i, 0);
    }
    totals.incrementAndGet(i);
    if (failed) {
      failures.incrementAndGet(i);
    }
  }

  /** Events in the window. */
  long total() {
    return sum(totals);
  }

  /** Failures in the window. */
  long failed() {
    return sum(failures);
  }

  /** Failures per event in the window, 0 when there were none. */
  double rate() {
    long t = total();
    return t == 0 ? 0.0 : (double) failed() / t;
  }

  void reset() {
    for (int i = 0; i < BUCKETS; i++) {
      totals.set(i, 0);
      failures.set(i, 0);
    }
  }

  private long sum(AtomicLongArray values) {
    long slot = nanoClock.getAsLong() / bucketNanos;
    long sum = 0;
    for (int i = 0; i < BUCKETS; i++) {
      long age = slot - stamps.get(i);
      if (age >= 0 && age < BUCKETS) {
        sum += values.get(i);
      }
    }
    return sum;
  }
}
