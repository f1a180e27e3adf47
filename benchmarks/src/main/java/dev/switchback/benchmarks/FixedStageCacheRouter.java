package dev.switchback.benchmarks;

import dev.switchback.Capability;
import dev.switchback.cache.Cache;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.CacheRouter;
import dev.switchback.migration.internal.MigrationSettings;
import dev.switchback.migration.internal.MigrationSettings.GuardSettings;
import dev.switchback.migration.internal.StageController;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A {@link CacheRouter} over two caches, wired as {@code Switchback} wires a cache migration
 * (default timeouts, canary share 100%, no telemetry SDK) and held in one stage: the guard is off,
 * so nothing a benchmark does can move it. Owns its background thread, not the two caches.
 */
final class FixedStageCacheRouter implements AutoCloseable {
  private static final GuardSettings GUARD_OFF =
      new GuardSettings(
          false,
          GuardSettings.DEFAULTS.maxErrorRate(),
          GuardSettings.DEFAULTS.maxMismatchRate(),
          GuardSettings.DEFAULTS.window(),
          GuardSettings.DEFAULTS.minOperations(),
          GuardSettings.DEFAULTS.rollbackTo());

  private final ScheduledExecutorService scheduler;
  private final CacheRouter router;

  /**
   * A router in {@code stage} (a stage name such as {@code dualwrite}) from {@code oldCache},
   * backend {@code oldBackend}, to {@code newCache}, backend {@code newBackend}.
   */
  FixedStageCacheRouter(
      String stage, String oldBackend, Cache oldCache, String newBackend, Cache newCache) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "benchmark-migration");
              t.setDaemon(true);
              return t;
            });
    MigrationSettings settings =
        MigrationSettings.DEFAULTS.withInitialStage(Stage.parse(stage)).withGuard(GUARD_OFF);
    StageController controller =
        new StageController(Capability.CACHE, oldBackend, newBackend, settings,
            OpenTelemetry.noop(), scheduler, Clock.systemUTC());
    router = new CacheRouter(controller, oldCache, newCache, scheduler, Clock.systemUTC());
  }

  /** The router. */
  Cache cache() {
    return router;
  }

  /** Closes the router and stops its thread; the two caches stay open. */
  @Override
  public void close() {
    router.closeAsync().toCompletableFuture().join();
    scheduler.shutdownNow();
  }
}
