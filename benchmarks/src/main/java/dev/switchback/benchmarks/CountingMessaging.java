package dev.switchback.benchmarks;

import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.Subscription;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A messaging backend that counts the publishes it is given and those answered, so a benchmark
 * can see how far a migration's mirror publishes to the new backend trail the caller's. Does
 * nothing else: every call goes to the backend it wraps, and closing does not close it.
 */
final class CountingMessaging implements Messaging {
  private final Messaging backend;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

  CountingMessaging(Messaging backend) {
    this.backend = backend;
  }

  @Override
  public CompletionStage<Void> publish(String topic, Message message) {
    sent.incrementAndGet();
    return backend.publish(topic, message).whenComplete((ok, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      }
      answered.incrementAndGet();
    });
  }

  /** Publishes answered so far, failed ones included. */
  long answered() {
    return answered.get();
  }

  /**
   * Waits until every publish given so far has been answered, and fails if one failed.
   *
   * @throws IllegalStateException after {@code timeoutSeconds}, or if a publish failed
   */
  void drain(long timeoutSeconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (answered.get() < sent.get()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException((sent.get() - answered.get())
            + " publishes still unanswered after " + timeoutSeconds + " s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    Throwable first = failure.get();
    if (first != null) {
      throw new IllegalStateException("a publish failed", first);
    }
  }

  @Override
  public Subscription subscribe(String topic, String group, MessageHandler handler) {
    return backend.subscribe(topic, group, handler);
  }

  @Override
  public Set<MessagingFeature> features() {
    return backend.features();
  }

  /** Leaves the wrapped backend open: its owner closes it. */
  @Override
  public CompletionStage<Void> closeAsync() {
    return CompletableFuture.completedFuture(null);
  }
}
