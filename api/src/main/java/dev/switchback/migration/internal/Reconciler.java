package dev.switchback.migration.internal;

import dev.switchback.migration.internal.DivergenceJournal.Divergence;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Works the {@link DivergenceJournal} down: every interval it repairs the entries that are due,
 * a bounded number at a time, and backs off exponentially (up to a minute) on entries whose
 * repair failed, so a backend that is down is not hammered. Runs until closed.
 */
final class Reconciler implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
  private static final int MAX_IN_FLIGHT = 32;
  private static final long MAX_BACKOFF_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final DivergenceJournal journal;
  private final Function<Divergence, CompletionStage<Void>> repair;
  private final Duration interval;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ScheduledFuture<?> task;
  private final String name;

  Reconciler(
      String name,
      DivergenceJournal journal,
      Function<Divergence, CompletionStage<Void>> repair,
      Duration interval,
      ScheduledExecutorService scheduler) {
    this.name = name;
    this.journal = journal;
    this.repair = repair;
    this.interval = interval;
    long period = Math.max(1, interval.toMillis());
    this.task = scheduler.scheduleWithFixedDelay(this::runOnce, period, period, TimeUnit.MILLISECONDS);
  }

  /** Starts repairs of the entries due now; returns how many were started. */
  int runOnce() {
    int room = MAX_IN_FLIGHT - inFlight.get();
    if (room <= 0 || journal.isEmpty()) {
      return 0;
    }
    int started = 0;
    for (Divergence d : journal.due(room)) {
      inFlight.incrementAndGet();
      started++;
      CompletionStage<Void> done;
      try {
        done = repair.apply(d);
      } catch (RuntimeException e) {
        done = java.util.concurrent.CompletableFuture.failedFuture(e);
      }
      done.whenComplete(
          (v, t) -> {
            inFlight.decrementAndGet();
            if (t == null) {
              journal.resolveIfUnchanged(d);
            } else {
              long backoff =
                  Math.min(MAX_BACKOFF_NANOS, interval.toNanos() << Math.min(d.attempts(), 16));
              journal.postpone(d, backoff);
              if (d.attempts() == 0) {
                LOG.log(
                    Level.WARNING,
                    "{0}: repair of a divergent entry failed; retrying with back-off: {1}",
                    name,
                    String.valueOf(t.getCause() != null ? t.getCause() : t));
              }
            }
          });
    }
    return started;
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
