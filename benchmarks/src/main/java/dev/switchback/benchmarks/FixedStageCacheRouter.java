package dev.switchback.benchmarks;

import dev.switchback.Capability;
import dev.switchback.cache.Cache;
import dev.switchback.migration.internal.CacheRouter;
import java.time.Clock;

/**
 * A {@link CacheRouter} over two caches, wired as {@code Switchback} wires a cache migration and
 * held in one stage ({@link FixedStage}). Owns its background thread, not the two caches.
 */
final class FixedStageCacheRouter implements AutoCloseable {
  private final FixedStage stage;
  private final CacheRouter router;

  /**
   * A router in {@code stage} (a stage name such as {@code dualwrite}) from {@code oldCache},
   * backend {@code oldBackend}, to {@code newCache}, backend {@code newBackend}.
   */
  FixedStageCacheRouter(
      String stage, String oldBackend, Cache oldCache, String newBackend, Cache newCache) {
    this.stage = new FixedStage(Capability.CACHE, stage, oldBackend, newBackend);
    router = new CacheRouter(this.stage.controller(), oldCache, newCache, this.stage.scheduler(),
        Clock.systemUTC());
  }

  /** The router. */
  Cache cache() {
    return router;
  }

  /** Closes the router and stops its thread; the two caches stay open. */
  @Override
  public void close() {
    router.closeAsync().toCompletableFuture().join();
    stage.close();
  }
}
