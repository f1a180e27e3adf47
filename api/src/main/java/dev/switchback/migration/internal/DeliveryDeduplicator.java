package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.SwitchbackException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Lets a handler see each message once per group while the old and the new backend both deliver
 * it. In this process, a delivery of a key that is being handled waits for that handling and
 * follows its outcome. Otherwise it {@linkplain DedupStore#claim claims} the key in the {@link
 * DedupStore}: a claimed key runs the handler and is then marked handled (or released if the
 * handler failed, so a redelivery from either side runs it again); a key handled already is
 * acknowledged without running it; a key another process holds is asked for again until it is
 * handled or free, for a bounded time, after which the delivery fails and the backend delivers
 * it again later. If the store cannot be reached the delivery fails too: the message waits rather
 * than risk being handled twice.
 */
final class DeliveryDeduplicator {
  private static final System.Logger LOG = System.getLogger(DeliveryDeduplicator.class.getName());

  private final DedupStore store;
  private final ScheduledExecutorService scheduler;
  /** Handlings running in this process. */
  private final ConcurrentHashMap<DeliveryKey, CompletableFuture<Void>> running =
      new ConcurrentHashMap<>();
  /** Completed when this process sees a key handled; for {@link #awaitHandled}. */
  private final ConcurrentHashMap<DeliveryKey, CompletableFuture<Void>> handledSignals =
      new ConcurrentHashMap<>();
  private final AtomicBoolean markFailureLogged = new AtomicBoolean();
  private final long busyWaitNanos;
  private final long busyPollNanos;

  /**
   * @param busyWait how long a delivery of a key another process holds keeps asking for it
   *     before it fails (the claim timeout: a dead holder's claim has expired by then)
   */
  DeliveryDeduplicator(DedupStore store, ScheduledExecutorService scheduler, Duration busyWait) {
    this.store = requireNonNull(store, "store");
    this.scheduler = requireNonNull(scheduler, "scheduler");
    this.busyWaitNanos = busyWait.toNanos();
    this.busyPollNanos = Math.min(TimeUnit.SECONDS.toNanos(1),
        Math.max(TimeUnit.MILLISECONDS.toNanos(50), busyWaitNanos / 20));
  }

  /**
   * Runs {@code handler} unless {@code key} was handled or is being handled; the stage completes
   * normally when the message may be acknowledged. While another process holds the key, the
   * delivery asks again (about every twentieth of the wait, between 50 ms and a second) until
   * the key is handled (acknowledged without running), free (claimed and run), the wait is over
   * or {@code wanted} turns false (both fail the delivery, so the backend delivers it again):
   * waiting does not use up the backend's redelivery attempts.
   */
  CompletionStage<Void> deliver(
      DeliveryKey key, Supplier<CompletionStage<Void>> handler, BooleanSupplier wanted) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> existing = running.putIfAbsent(key, mine);
    if (existing != null) {
      // Handled or being handled here: follow that outcome; if it failed, try again through this
      // delivery (the failed one has left the map by the time its future completes).
      return existing.handle((v, t) -> t)
          .thenCompose(t -> t == null ? CompletableFuture.<Void>completedFuture(null)
              : deliver(key, handler, wanted));
    }
    claim(key, mine, handler, wanted, System.nanoTime() + busyWaitNanos);
    return mine;
  }

  private void claim(DeliveryKey key, CompletableFuture<Void> mine,
      Supplier<CompletionStage<Void>> handler, BooleanSupplier wanted, long deadline) {
    KeyedRouting.call(s -> s.claim(key), store).whenComplete((claim, failure) -> {
      if (failure != null) {
        finish(key, mine, new SwitchbackException("the de-duplication store could not be reached;"
            + " the message will be delivered again: " + KeyedRouting.cause(failure),
            KeyedRouting.cause(failure)));
        return;
      }
      switch (claim) {
        case HANDLED -> finish(key, mine, null);
        case CLAIMED -> run(key, mine, handler);
        case BUSY -> {
          long left = deadline - System.nanoTime();
          if (left <= 0 || !wanted.getAsBoolean()) {
            finish(key, mine, new SwitchbackException("message " + key.id() + " of group "
                + key.group() + " is being handled by another instance; it will be delivered"
                + " again"));
            return;
          }
          try {
            scheduler.schedule(() -> claim(key, mine, handler, wanted, deadline),
                Math.min(busyPollNanos, left), TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException shutDown) {
            finish(key, mine, new SwitchbackException("messaging router is closed"));
          }
        }
      }
    });
  }

  private void run(DeliveryKey key, CompletableFuture<Void> mine, Supplier<CompletionStage<Void>> handler) {
    CompletionStage<Void> outcome;
    try {
      outcome = requireNonNull(handler.get(), "the handler returned null");
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    outcome.whenComplete((v, t) -> {
      if (t != null) {
        KeyedRouting.call(s -> s.release(key), store)
            .whenComplete((r, rt) -> finish(key, mine, t));
        return;
      }
      KeyedRouting.call(s -> s.markHandled(key), store).whenComplete((r, mt) -> {
        if (mt != null && markFailureLogged.compareAndSet(false, true)) {
          // The handler succeeded, so the message is acknowledged; only a later copy may run again.
          LOG.log(Level.WARNING, "messaging migration: a handled message could not be recorded in"
              + " the de-duplication store, so its other copy may be handled again: {0}",
              String.valueOf(KeyedRouting.cause(mt)));
        }
        finish(key, mine, null);
      });
    });
  }

  private void finish(DeliveryKey key, CompletableFuture<Void> mine, @Nullable Throwable failure) {
    running.remove(key, mine);
    if (failure == null) {
      CompletableFuture<Void> signal = handledSignals.remove(key);
      if (signal != null) {
        signal.complete(null);
      }
      mine.complete(null);
    } else {
      mine.completeExceptionally(failure);
    }
  }

  /**
   * Completes with {@code true} once {@code key} is handled, here or (for a shared store) by
   * another process, and with {@code false} if it is not within {@code grace}. A shared store is
   * asked again every tenth of the grace (at least every 50 ms, at most every second); a store of
   * this process only at the end, since this process signals its own handlings.
   */
  CompletableFuture<Boolean> awaitHandled(DeliveryKey key, Duration grace) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    CompletableFuture<Void> signal = handledSignals.computeIfAbsent(key, k -> new CompletableFuture<>());
    signal.thenRun(() -> result.complete(true));
    // However the wait ends, its signal goes (a waiter for the same key meanwhile still asks the
    // store at its end).
    result.whenComplete((v, t) -> handledSignals.remove(key, signal));
    long graceNanos = grace.toNanos();
    long deadline = System.nanoTime() + graceNanos;
    long pollNanos = store.shared()
        ? Math.min(TimeUnit.SECONDS.toNanos(1), Math.max(TimeUnit.MILLISECONDS.toNanos(50), graceNanos / 10))
        : graceNanos;
    ask(key, result, signal, deadline, pollNanos, true);
    return result;
  }

  private void ask(DeliveryKey key, CompletableFuture<Boolean> result, CompletableFuture<Void> signal,
      long deadline, long pollNanos, boolean first) {
    if (result.isDone()) {
      return;
    }
    boolean last = deadline - System.nanoTime() <= 0;
    if (!first && !store.shared() && !last) {
      schedule(key, result, signal, deadline, pollNanos);
      return;
    }
    KeyedRouting.call(s -> s.isHandled(key), store).whenComplete((handled, t) -> {
      if (t == null && handled) {
        result.complete(true);
      } else if (last) {
        result.complete(false);
      } else {
        schedule(key, result, signal, deadline, pollNanos);
      }
    });
  }

  private void schedule(DeliveryKey key, CompletableFuture<Boolean> result,
      CompletableFuture<Void> signal, long deadline, long pollNanos) {
    long wait = Math.max(0, Math.min(pollNanos, deadline - System.nanoTime()));
    try {
      scheduler.schedule(() -> ask(key, result, signal, deadline, pollNanos, false), wait,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      result.completeExceptionally(new SwitchbackException("messaging router is closed"));
    }
  }
}
