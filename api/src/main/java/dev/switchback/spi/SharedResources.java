package dev.switchback.spi;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Expensive objects shared by every adapter of one {@code Switchback} instance (event loops,
 * SDK clients, schedulers), created on first use and closed once when the instance closes, in
 * the reverse order of creation. Thread safe.
 */
public interface SharedResources {

  /**
   * The shared object registered under {@code key}, created by {@code factory} on first use;
   * {@code closer} releases it when the owning instance closes.
   */
  <R> R computeIfAbsent(String key, Class<R> type, Supplier<R> factory, Consumer<R> closer);

  /**
   * A small scheduler for timers and background work (reconcilers, refreshes). Tasks must not
   * block for long.
   */
  ScheduledExecutorService scheduler();
}
