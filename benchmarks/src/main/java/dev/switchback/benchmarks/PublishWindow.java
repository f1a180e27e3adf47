package dev.switchback.benchmarks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A window of publishes in flight: a publish takes a slot before it is sent and frees it when the
 * broker has answered, so at most {@code size} are unanswered at any time and the producer has
 * that many records to batch. The first failure is kept and fails the next call, so a benchmark
 * never reports the speed of failing publishes. Thread safe.
 */
final class PublishWindow {
  private static final long DRAIN_SECONDS = 60;

  private final int size;
  private final Semaphore slots;
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

  PublishWindow(int size) {
    this.size = size;
    this.slots = new Semaphore(size);
  }

  /** Waits for a free slot. */
  void take() throws InterruptedException {
    rethrowFailure();
    slots.acquire();
  }

  /** Frees a slot taken by {@link #take()}, for a publish that ended with {@code error}. */
  void free(@Nullable Throwable error) {
    if (error != null) {
      failure.compareAndSet(null, error);
    }
    slots.release();
  }

  /** Waits until every publish in flight has been answered. */
  void drain() throws InterruptedException {
    if (!slots.tryAcquire(size, DRAIN_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("publishes still unanswered after " + DRAIN_SECONDS + " s");
    }
    slots.release(size);
    rethrowFailure();
  }

  private void rethrowFailure() {
    Throwable first = failure.get();
    if (first != null) {
      throw new IllegalStateException("a publish failed", first);
    }
  }
}
