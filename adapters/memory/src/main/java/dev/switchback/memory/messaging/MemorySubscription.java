package dev.switchback.memory.messaging;

import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Subscription;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One member of a consumer group. Takes messages from the group while it has fewer than its
 * in-flight bound running, hands them to the handler on the delivery executor, and reports each
 * outcome back to the group.
 *
 * <p>Only one drain loop runs at a time per subscription (the {@code wip} counter); signals that
 * arrive while it runs make it loop again instead of starting a second one.
 */
final class MemorySubscription implements Subscription {
  private static final Logger LOG = System.getLogger(MemorySubscription.class.getName());

  private final String topic;
  private final ConsumerGroup group;
  private final MessageHandler handler;
  private final ScheduledExecutorService executor;
  private final int maxInFlight;
  private final Consumer<MemorySubscription> onClosed;

  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean closeStarted = new AtomicBoolean();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile boolean closing;

  MemorySubscription(
      String topic,
      ConsumerGroup group,
      MessageHandler handler,
      ScheduledExecutorService executor,
      int maxInFlight,
      Consumer<MemorySubscription> onClosed) {
    this.topic = topic;
    this.group = group;
    this.handler = handler;
    this.executor = executor;
    this.maxInFlight = maxInFlight;
    this.onClosed = onClosed;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String group() {
    return group.name();
  }

  /** Asks for a drain pass; cheap when one is already running or nothing is waiting. */
  void signal() {
    if (wip.getAndIncrement() == 0) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException shutDown) {
        wip.set(0);
      }
    }
  }

  private void drain() {
    int missed = 1;
    do {
      drainOnce();
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void drainOnce() {
    while (inFlight.get() < maxInFlight) {
      // Reserve the slot before checking for close, so close never sees zero in flight while a
      // message is being taken.
      inFlight.incrementAndGet();
      if (closing) {
        release();
        return;
      }
      Delivery delivery = group.poll(System.nanoTime());
      if (delivery == null) {
        release();
        return;
      }
      deliver(delivery);
    }
  }

  private void deliver(Delivery delivery) {
    CompletionStage<Void> outcome;
    try {
      outcome = handler.handle(delivery.message());
      if (outcome == null) {
        outcome = CompletableFuture.failedFuture(new NullPointerException("handler returned null"));
      }
    } catch (Throwable thrown) { // a throwing handler is a failed delivery, never a lost one
      outcome = CompletableFuture.failedFuture(thrown);
    }
    outcome.whenComplete((ignored, failure) -> settle(delivery, failure));
  }

  private void settle(Delivery delivery, @Nullable Throwable failure) {
    try {
      if (failure == null) {
        group.acknowledge(delivery);
      } else {
        long delay = group.fail(delivery, System.nanoTime());
        LOG.log(
            Level.DEBUG,
            () -> "handler of " + topic + "/" + group.name() + " failed on " + delivery
                + (delay < 0 ? "; moved to the dead-letter topic" : "; redelivering"));
        if (delay >= 0) {
          scheduleSignal(delay);
        }
      }
    } finally {
      release();
      group.signalMembers();
    }
  }

  private void scheduleSignal(long delayNanos) {
    try {
      executor.schedule(group::signalMembers, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      // The messaging instance is closing; the message stays with the group.
    }
  }

  private void release() {
    if (inFlight.decrementAndGet() == 0 && closing) {
      drained.complete(null);
    }
  }

  /**
   * Stops taking messages, waits for running handlers, and leaves the group; what the handlers
   * acknowledged stays acknowledged, what failed stays with the group for its other members.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    if (closeStarted.compareAndSet(false, true)) {
      closing = true;
      if (inFlight.get() == 0) {
        drained.complete(null);
      }
      drained.whenComplete(
          (ignored, failure) -> {
            group.leave(this);
            onClosed.accept(this);
            closed.complete(null);
          });
    }
    return closed;
  }

  @Override
  public String toString() {
    return "MemorySubscription[" + topic + "/" + group.name() + "]";
  }
}
