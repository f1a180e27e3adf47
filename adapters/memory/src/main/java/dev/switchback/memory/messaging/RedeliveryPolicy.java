package dev.switchback.memory.messaging;

import java.time.Duration;

/**
 * When a message whose handler failed is offered again, and when it is given up to the dead
 * letter topic instead.
 *
 * @param initialDelay the pause after the first failure
 * @param maxDelay the longest pause; the pause doubles after each failure up to this
 * @param deadLetterAfter failures after which the message moves to the dead-letter topic; 0 to
 *     redeliver for ever
 */
record RedeliveryPolicy(Duration initialDelay, Duration maxDelay, int deadLetterAfter) {

  /** Whether a message that has failed {@code failures} times goes to the dead-letter topic. */
  boolean givesUp(int failures) {
    return deadLetterAfter > 0 && failures >= deadLetterAfter;
  }

  /** The pause before the next attempt of a message that has failed {@code failures} times. */
  long delayNanos(int failures) {
    long delay = initialDelay.toNanos();
    long max = maxDelay.toNanos();
    for (int i = 1; i < failures && delay < max; i++) {
      delay *= 2;
    }
    return Math.min(delay, max);
  }
}
