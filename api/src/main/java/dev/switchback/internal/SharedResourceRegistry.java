package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.spi.SharedResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SharedResources} of one {@code Switchback} instance. Each key is created once; a
 * factory may itself ask for another key, which is then created (and closed) before it. Holds at
 * most {@link #MAX_RESOURCES} entries, since a leak here would be a bug, not a workload.
 *
 * <p>The scheduler is one daemon thread named {@value #SCHEDULER_THREAD}, started on first use
 * and shut down after every other resource is closed. Adapters must not shut it down.
 */
public final class SharedResourceRegistry implements SharedResources {

  /** The most entries one registry holds. */
  public static final int MAX_RESOURCES = 64;

  /** The name of the scheduler's thread. */
  public static final String SCHEDULER_THREAD = "switchback-scheduler";

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Entry<?>> entries = new LinkedHashMap<>();
  private @Nullable ScheduledThreadPoolExecutor scheduler;
  private @Nullable CompletableFuture<Void> closing;

  private record Entry<R>(String key, R value, Consumer<R> closer) {
    void close() {
      closer.accept(value);
    }
  }

  /** An empty registry. */
  public SharedResourceRegistry() {}

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code key} holds an object of another type
   * @throws IllegalStateException if the registry is closed or full
   */
  @Override
  public <R> R computeIfAbsent(
      String key, Class<R> type, Supplier<R> factory, Consumer<R> closer) {
    requireNonNull(key, "key");
    requireNonNull(type, "type");
    requireNonNull(factory, "factory");
    requireNonNull(closer, "closer");
    lock.lock();
    try {
      requireOpen();
      Entry<?> existing = entries.get(key);
      if (existing != null) {
        if (!type.isInstance(existing.value())) {
          throw new IllegalArgumentException("shared resource '" + key + "' is a "
              + existing.value().getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(existing.value());
      }
      if (entries.size() >= MAX_RESOURCES) {
        throw new IllegalStateException(
            "more than " + MAX_RESOURCES + " shared resources; refusing '" + key + "'");
      }
      R value = requireNonNull(factory.get(), "factory returned null for " + key);
      requireOpen();
      entries.put(key, new Entry<>(key, value, closer));
      return value;
    } finally {
      lock.unlock();
    }
  }

  /** {@inheritDoc} Started on first use. */
  @Override
  public ScheduledExecutorService scheduler() {
    lock.lock();
    try {
      requireOpen();
      if (scheduler == null) {
        ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, runnable -> {
          Thread thread = new Thread(runnable, SCHEDULER_THREAD);
          thread.setDaemon(true);
          return thread;
        });
        created.setRemoveOnCancelPolicy(true);
        created.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler = created;
      }
      return scheduler;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes every resource in the reverse order of creation, then the scheduler, within {@code
   * budget}. Later calls return the first call's stage.
   */
  public CompletableFuture<Void> closeAsync(Duration budget) {
    List<CloseSequence.Step> steps = new ArrayList<>();
    lock.lock();
    try {
      if (closing != null) {
        return closing;
      }
      List<Entry<?>> created = new ArrayList<>(entries.values());
      for (int i = created.size() - 1; i >= 0; i--) {
        Entry<?> entry = created.get(i);
        steps.add(CloseSequence.ofBlocking("shared resource " + entry.key(), entry::close));
      }
      ScheduledThreadPoolExecutor executor = scheduler;
      if (executor != null) {
        steps.add(CloseSequence.ofBlocking(SCHEDULER_THREAD, () -> stop(executor)));
      }
      entries.clear();
      closing = CloseSequence.run(steps, budget);
      return closing;
    } finally {
      lock.unlock();
    }
  }

  private static void stop(ScheduledThreadPoolExecutor executor) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void requireOpen() {
    if (closing != null) {
      throw new IllegalStateException("the shared resources are closed");
    }
  }
}
