package dev.switchback.migration.internal;

import dev.switchback.migration.MigrationStatus.BackendStats;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Operations, errors and recent latencies of one side of a migration. */
final class BackendMeter {
  private static final int RESERVOIR = 1024;

  private final LongAdder operations = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final SlidingWindow window;
  private final AtomicLongArray latencies = new AtomicLongArray(RESERVOIR);
  private final AtomicInteger next = new AtomicInteger();

  BackendMeter(SlidingWindow window) {
    this.window = window;
  }

  /** Records one operation that took {@code nanos} and ended at {@code endNanos}. */
  void record(long nanos, long endNanos, boolean failed) {
    operations.increment();
    if (failed) {
      errors.increment();
    }
    window.record(failed, endNanos);
    latencies.set(next.getAndIncrement() & (RESERVOIR - 1), nanos);
  }

  SlidingWindow window() {
    return window;
  }

  BackendStats stats() {
    long ops = operations.sum();
    int n = (int) Math.min(ops, RESERVOIR);
    long[] sample = new long[n];
    for (int i = 0; i < n; i++) {
      sample[i] = latencies.get(i);
    }
    Arrays.sort(sample);
    return new BackendStats(
        ops, errors.sum(), window.rate(), percentile(sample, 0.50), percentile(sample, 0.99));
  }

  private static Duration percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Duration.ZERO;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return Duration.ofNanos(sorted[Math.max(0, i)]);
  }
}
