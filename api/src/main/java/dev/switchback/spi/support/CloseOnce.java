package dev.switchback.spi.support;

import static java.util.Objects.requireNonNull;

import dev.switchback.SwitchbackException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Whether an instance is still open, and the one stage its close completes. Every operation that
 * starts after close has begun fails with {@link SwitchbackException}. Thread safe.
 */
public final class CloseOnce {
  private final String what;
  private final AtomicReference<CompletableFuture<Void>> closing = new AtomicReference<>();

  /** For the instance described as {@code what} in messages, for example {@code memory cache}. */
  public CloseOnce(String what) {
    this.what = requireNonNull(what, "what");
  }

  /** Whether close has begun. */
  public boolean isClosed() {
    return closing.get() != null;
  }

  /**
   * Does nothing while open.
   *
   * @throws SwitchbackException once close has begun
   */
  public void requireOpen() {
    if (isClosed()) {
      throw closedException();
    }
  }

  /** The failure of an operation refused because close has begun. */
  public SwitchbackException closedException() {
    return new SwitchbackException("the " + what + " is closed");
  }

  /**
   * Runs {@code operation} now if the instance is open. The stage is complete when returned: with
   * the result, or failed with the {@link SwitchbackException} the operation threw (any other
   * runtime exception wrapped in one), or with {@link #closedException()}.
   */
  public <T> CompletionStage<T> completeNow(Supplier<T> operation) {
    try {
      requireOpen();
      return CompletableFuture.completedFuture(operation.get());
    } catch (SwitchbackException refused) {
      return CompletableFuture.failedFuture(refused);
    } catch (RuntimeException bug) {
      return CompletableFuture.failedFuture(
          new SwitchbackException(what + " operation failed", bug));
    }
  }

  /**
   * Begins closing: the first call marks the instance closed and then runs {@code shutdown}. Every
   * call returns the same stage, which completes normally once the stage {@code shutdown} returned
   * has completed, however that completed.
   */
  public CompletionStage<Void> close(Supplier<? extends CompletionStage<?>> shutdown) {
    CompletableFuture<Void> created = new CompletableFuture<>();
    CompletableFuture<Void> existing = closing.compareAndExchange(null, created);
    if (existing != null) {
      return existing;
    }
    try {
      shutdown.get().whenComplete((ignored, failure) -> created.complete(null));
    } catch (RuntimeException e) {
      created.complete(null);
      throw e;
    }
    return created;
  }
}
