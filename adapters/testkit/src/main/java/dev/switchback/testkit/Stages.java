package dev.switchback.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for the stages an asynchronous API returns, turning every way a stage can go wrong into a
 * test failure that says which: it failed, it did not complete in time, or the wait was
 * interrupted.
 */
public final class Stages {
  private Stages() {}

  /**
   * The result of {@code stage}.
   *
   * @throws AssertionError if the stage fails (carrying its cause) or does not complete within
   *     {@code timeout}
   */
  public static <T> T join(CompletionStage<T> stage, Duration timeout) {
    requireNonNull(stage, "stage");
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("the operation failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw timedOut(timeout, e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  /**
   * Why {@code stage} failed.
   *
   * @throws AssertionError if the stage completes normally or does not complete within {@code
   *     timeout}
   */
  public static Throwable failureOf(CompletionStage<?> stage, Duration timeout) {
    requireNonNull(stage, "stage");
    Object result;
    try {
      result = stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw timedOut(timeout, e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
    throw new AssertionError("expected the operation to fail, but it completed with " + result);
  }

  /**
   * Why the stage returned by {@code operation} failed. An asynchronous API reports bad input
   * through its stage, so an operation that throws instead fails the test too.
   *
   * @throws AssertionError if {@code operation} throws, or its stage completes normally or does
   *     not complete within {@code timeout}
   */
  public static Throwable failureOf(
      Supplier<? extends CompletionStage<?>> operation, Duration timeout) {
    CompletionStage<?> stage;
    try {
      stage = operation.get();
    } catch (RuntimeException e) {
      throw new AssertionError("the operation threw " + e + " instead of failing its stage", e);
    }
    return failureOf(stage, timeout);
  }

  private static AssertionError timedOut(Duration timeout, TimeoutException e) {
    return new AssertionError("the operation did not complete within " + timeout, e);
  }

  private static AssertionError interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new AssertionError("interrupted while waiting for the operation", e);
  }
}
