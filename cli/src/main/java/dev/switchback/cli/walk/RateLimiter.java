package dev.switchback.cli.walk;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps a walk at or below a number of keys per second, so a copy does not starve the service
 * using the same stores. Keys are admitted a batch at a time: a batch of {@code n} keys waits
 * until the previous batches' share of time has passed. Not thread safe.
 */
public final class RateLimiter {
  private final double nanosPerKey;
  private final LongSupplier nanoTime;
  private long nextFree;
  private boolean started;

  /** A limit of {@code keysPerSecond}, which must be positive. */
  public RateLimiter(double keysPerSecond) {
    this(keysPerSecond, System::nanoTime);
  }

  RateLimiter(double keysPerSecond, LongSupplier nanoTime) {
    if (!(keysPerSecond > 0)) {
      throw new IllegalArgumentException("keysPerSecond must be positive: " + keysPerSecond);
    }
    this.nanosPerKey = TimeUnit.SECONDS.toNanos(1) / keysPerSecond;
    this.nanoTime = nanoTime;
  }

  /** How long to wait before {@code keys} more may go, in nanoseconds; books them. */
  long reserve(int keys) {
    long now = nanoTime.getAsLong();
    if (!started || nextFree - now < 0) {
      nextFree = now;
      started = true;
    }
    long wait = nextFree - now;
    nextFree += (long) (keys * nanosPerKey);
    return wait;
  }

  /**
   * Waits until {@code keys} more may go.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void acquire(int keys) throws InterruptedException {
    long wait = reserve(keys);
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
