package dev.switchback.cli.copy;

import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one asynchronous step per key of a batch at once and waits for all of them, so a batch
 * costs about one round trip however many keys it holds.
 */
public final class Batch {
  private Batch() {}

  /**
   * Starts {@code step} for every key, then waits for all of them up to {@code timeout}. A step
   * that fails is returned failed, the others complete.
   *
   * @throws OperationTimeoutException when the batch takes longer than {@code timeout}
   */
  public static <T> List<CompletableFuture<T>> run(
      List<String> keys, Function<String, CompletionStage<T>> step, Duration timeout) {
    List<CompletableFuture<T>> all = new ArrayList<>(keys.size());
    for (String key : keys) {
      CompletableFuture<T> future;
      try {
        future = step.apply(key).toCompletableFuture();
      } catch (RuntimeException e) {
        future = CompletableFuture.failedFuture(e);
      }
      all.add(future);
    }
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .handle((ok, error) -> null).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new OperationTimeoutException(
          "a batch of " + keys.size() + " keys took longer than " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SwitchbackException("interrupted while waiting for a batch", e);
    } catch (ExecutionException e) {
      throw new SwitchbackException("a batch failed: " + e.getCause(), e.getCause());
    }
    return all;
  }

  /**
   * Runs {@code step} for every key as {@link #run} does and counts the outcome of each; a step
   * that fails is counted {@link Outcome#FAILED} with its reason.
   *
   * @throws OperationTimeoutException when the batch takes longer than {@code timeout}
   */
  public static Tally outcomes(
      List<String> keys, Function<String, CompletionStage<Outcome>> step, Duration timeout) {
    List<CompletableFuture<Outcome>> results = run(keys, step, timeout);
    Tally tally = new Tally();
    for (int i = 0; i < keys.size(); i++) {
      CompletableFuture<Outcome> result = results.get(i);
      if (result.isCompletedExceptionally()) {
        tally.fail(keys.get(i), reason(result));
      } else {
        tally.add(result.join(), keys.get(i));
      }
    }
    return tally;
  }

  /** Why {@code future} failed, as {@code Type: message}; never a value. */
  public static String reason(CompletableFuture<?> future) {
    try {
      future.join();
      return "no error";
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
  }
}
