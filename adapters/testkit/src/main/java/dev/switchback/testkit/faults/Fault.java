package dev.switchback.testkit.faults;

import dev.switchback.BackendUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A switchable fault for the decorators of this package. Thread safe; change it at any time.
 * Modes: none (pass through), fail (every call fails with {@link BackendUnavailableException}
 * and does nothing), fail a share of calls at random, hang (the stage never completes and the
 * call does nothing), delay (the call runs after a pause).
 */
public final class Fault {
  private volatile Mode mode = Mode.NONE;
  private volatile double failShare;
  private volatile Duration delay = Duration.ZERO;

  private enum Mode {
    NONE,
    FAIL,
    FAIL_SOME,
    HANG,
    DELAY,
    JITTER
  }

  /** Back to normal. */
  public Fault heal() {
    mode = Mode.NONE;
    return this;
  }

  /** Every call fails without effect. */
  public Fault fail() {
    mode = Mode.FAIL;
    return this;
  }

  /** A share (0..1) of calls fails without effect, at random. */
  public Fault failShare(double share) {
    failShare = share;
    mode = Mode.FAIL_SOME;
    return this;
  }

  /** Every call hangs without effect. */
  public Fault hang() {
    mode = Mode.HANG;
    return this;
  }

  /** Every call runs after {@code pause}. */
  public Fault delay(Duration pause) {
    delay = pause;
    mode = Mode.DELAY;
    return this;
  }

  /** Every call runs after a random pause between zero and {@code max}, so calls reorder. */
  public Fault jitter(Duration max) {
    delay = max;
    mode = Mode.JITTER;
    return this;
  }

  /** Runs {@code call} under the current fault. */
  public <T> CompletionStage<T> apply(Supplier<CompletionStage<T>> call) {
    switch (mode) {
      case FAIL:
        return injectedFailure();
      case FAIL_SOME:
        return ThreadLocalRandom.current().nextDouble() < failShare
            ? injectedFailure()
            : call.get();
      case HANG:
        return new CompletableFuture<>();
      case DELAY:
        return after(delay.toNanos(), call);
      case JITTER:
        return after(ThreadLocalRandom.current().nextLong(delay.toNanos() + 1), call);
      default:
        return call.get();
    }
  }

  private static <T> CompletionStage<T> injectedFailure() {
    return CompletableFuture.failedFuture(new BackendUnavailableException("injected fault"));
  }

  private static <T> CompletionStage<T> after(
      long pauseNanos, Supplier<CompletionStage<T>> call) {
    Executor later = CompletableFuture.delayedExecutor(pauseNanos, TimeUnit.NANOSECONDS);
    return CompletableFuture.supplyAsync(() -> null, later).thenCompose(x -> call.get());
  }
}
