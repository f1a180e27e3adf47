package dev.switchback.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for something that happens in the background (delivery, export, expiry) by running an
 * assertion until it passes or a deadline passes. Polls often at first and then less, so a fast
 * backend finishes fast and a slow one is not hammered.
 */
public final class Eventually {
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private Eventually() {}

  /**
   * Runs {@code assertion} until it completes without throwing, for at most {@code deadline}.
   *
   * @throws AssertionError carrying the last failure if the assertion still fails at the deadline
   */
  public static void await(Duration deadline, Runnable assertion) {
    requireNonNull(deadline, "deadline");
    requireNonNull(assertion, "assertion");
    long end = System.nanoTime() + deadline.toNanos();
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError | RuntimeException failure) {
        if (System.nanoTime() - end >= 0) {
          AssertionError timedOut = new AssertionError("still failing after " + deadline, failure);
          throw timedOut;
        }
      }
      try {
        TimeUnit.NANOSECONDS.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
    }
  }
}
