package dev.switchback.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Waits for something that happens in the background (expiry, delivery) by polling an assertion
 * until it passes or a deadline passes, instead of sleeping for a fixed time.
 */
public final class Eventually {

  /** The first pause between two attempts; pauses double up to {@link #MAX_PAUSE}. */
  public static final Duration FIRST_PAUSE = Duration.ofMillis(5);

  /** The longest pause between two attempts. */
  public static final Duration MAX_PAUSE = Duration.ofMillis(100);

  private Eventually() {}

  /**
   * Runs {@code assertion} until it completes without an {@link AssertionError}, pausing between
   * attempts. Any other exception ends the wait at once and propagates.
   *
   * @param deadline how long to keep trying
   * @throws AssertionError the last failure, if the assertion still fails when the deadline passes
   */
  public static void await(Duration deadline, Runnable assertion) {
    requireNonNull(deadline, "deadline");
    requireNonNull(assertion, "assertion");
    long end = System.nanoTime() + deadline.toNanos();
    long pauseMillis = FIRST_PAUSE.toMillis();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError failure) {
        long leftMillis = (end - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          throw new AssertionError(
              "still failing after " + deadline + ": " + failure.getMessage(), failure);
        }
        sleep(Math.min(pauseMillis, leftMillis));
        pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE.toMillis());
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
