package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.AsyncCloseable;
import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Closes things one after the other, in the order given, within one overall time budget. A step
 * that fails or overruns does not stop the others: once the budget is spent the remaining steps
 * are still started, just not waited for. The result fails with {@link OperationTimeoutException}
 * naming what did not finish in time, else with {@link SwitchbackException} naming what failed.
 */
public final class CloseSequence {
  private static final System.Logger LOG = System.getLogger(CloseSequence.class.getName());

  /**
   * One thing to close.
   *
   * @param name what it is, for messages (for example {@code cache (primary, redis)})
   * @param close starts closing; the stage completes when it is closed
   */
  public record Step(String name, Supplier<? extends CompletionStage<?>> close) {
    public Step {
      requireNonNull(name, "name");
      requireNonNull(close, "close");
    }
  }

  private CloseSequence() {}

  /** A step that calls {@link AsyncCloseable#closeAsync()}. */
  public static Step of(String name, AsyncCloseable closeable) {
    requireNonNull(closeable, "closeable");
    return new Step(name, closeable::closeAsync);
  }

  /**
   * A step that runs a blocking {@code action} on a daemon thread of its own, so a closer that
   * hangs cannot hold up the sequence past its budget.
   */
  public static Step ofBlocking(String name, Runnable action) {
    requireNonNull(action, "action");
    return new Step(name, () -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      Thread thread = new Thread(() -> {
        try {
          action.run();
          done.complete(null);
        } catch (Throwable t) {
          done.completeExceptionally(t);
        }
      }, "switchback-close");
      thread.setDaemon(true);
      thread.start();
      return done;
    });
  }

  /**
   * Runs {@code steps} in order on a daemon thread within {@code budget}; the returned stage
   * completes when all have finished or the budget is spent.
   */
  public static CompletableFuture<Void> run(List<Step> steps, Duration budget) {
    List<Step> copy = List.copyOf(steps);
    requireNonNull(budget, "budget");
    CompletableFuture<Void> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> runAll(copy, budget, result), "switchback-close");
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  private static void runAll(List<Step> steps, Duration budget, CompletableFuture<Void> result) {
    long deadline = System.nanoTime() + budget.toNanos();
    List<String> late = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<Throwable> causes = new ArrayList<>();
    for (Step step : steps) {
      CompletableFuture<?> closing;
      try {
        closing = step.close().get().toCompletableFuture();
      } catch (RuntimeException e) {
        closing = CompletableFuture.failedFuture(e);
      }
      long left = Math.max(0L, deadline - System.nanoTime());
      try {
        closing.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        late.add(step.name());
        LOG.log(Level.WARNING, "{0} did not close within the budget of {1}", step.name(), budget);
      } catch (ExecutionException e) {
        failed.add(step.name());
        causes.add(e.getCause());
        LOG.log(Level.WARNING, "closing " + step.name() + " failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        late.add(step.name());
      }
    }
    if (late.isEmpty() && failed.isEmpty()) {
      result.complete(null);
      return;
    }
    SwitchbackException error = late.isEmpty()
        ? new SwitchbackException("closing failed: " + String.join(", ", failed))
        : new OperationTimeoutException("did not close within " + budget + ": "
            + String.join(", ", late)
            + (failed.isEmpty() ? "" : "; closing failed: " + String.join(", ", failed)));
    causes.forEach(error::addSuppressed);
    result.completeExceptionally(error);
  }
}
