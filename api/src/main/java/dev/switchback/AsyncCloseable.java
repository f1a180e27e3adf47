package dev.switchback;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A resource whose close may wait on the network. {@link #closeAsync()} never blocks;
 * {@link #close()} waits at most {@link #CLOSE_TIMEOUT} and then gives up, so shutting a
 * service down never hangs on a dead backend.
 */
public interface AsyncCloseable extends AutoCloseable {

  /** The longest {@link #close()} waits for {@link #closeAsync()}: 10 seconds. */
  Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Starts releasing connections, threads and buffers; completes when they are released.
   * Calling it again returns the same stage. Operations started after close fail.
   */
  CompletionStage<Void> closeAsync();

  /**
   * Closes and waits at most {@link #CLOSE_TIMEOUT}.
   *
   * @throws OperationTimeoutException if closing did not finish in time
   * @throws SwitchbackException if closing failed
   */
  @Override
  default void close() {
    try {
      closeAsync().toCompletableFuture().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SwitchbackException("interrupted while closing " + getClass().getSimpleName(), e);
    } catch (TimeoutException e) {
      throw new OperationTimeoutException(
          getClass().getSimpleName() + " did not close within " + CLOSE_TIMEOUT, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SwitchbackException se) {
        throw se;
      }
      throw new SwitchbackException("closing " + getClass().getSimpleName() + " failed", cause);
    }
  }
}
