package dev.switchback.migration.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets a handler see each message id once while a subscription consumes the old and the new
 * backend together. The first delivery of an id runs the handler; a delivery of the same id while
 * it runs waits for it, and one after it succeeded is acknowledged without running the handler.
 * If the handler fails, the id is forgotten so a redelivery (from either side) runs it again:
 * de-duplication never turns a failure into a loss. Remembers the last {@code capacity} ids.
 */
final class DeliveryDeduplicator {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, CompletableFuture<Void>> seen;

  DeliveryDeduplicator(int capacity) {
    this.seen =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Void>> eldest) {
            return size() > capacity && eldest.getValue().isDone();
          }
        };
  }

  /** Runs {@code handler} unless {@code id} was handled or is being handled. */
  CompletionStage<Void> deliver(String id, Supplier<CompletionStage<Void>> handler) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> existing;
    lock.lock();
    try {
      existing = seen.putIfAbsent(id, mine);
    } finally {
      lock.unlock();
    }
    if (existing != null) {
      // Another delivery of the id ran or runs the handler: follow its outcome; if it failed,
      // retry through this delivery.
      return existing.handle((v, t) -> t).thenCompose(t -> t == null
          ? CompletableFuture.<Void>completedFuture(null)
          : deliverAfterFailure(id, existing, handler));
    }
    CompletionStage<Void> run;
    try {
      run = handler.get();
    } catch (RuntimeException e) {
      run = CompletableFuture.failedFuture(e);
    }
    run.whenComplete(
        (v, t) -> {
          if (t != null) {
            forget(id, mine);
            mine.completeExceptionally(t);
          } else {
            mine.complete(null);
          }
        });
    return mine;
  }

  private CompletionStage<Void> deliverAfterFailure(
      String id, CompletableFuture<Void> failed, Supplier<CompletionStage<Void>> handler) {
    forget(id, failed);
    return deliver(id, handler);
  }

  private void forget(String id, CompletableFuture<Void> attempt) {
    lock.lock();
    try {
      seen.remove(id, attempt);
    } finally {
      lock.unlock();
    }
  }
}
