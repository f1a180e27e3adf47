package dev.switchback.benchmarks;

import dev.switchback.Capability;
import dev.switchback.cache.Cache;
import dev.switchback.messaging.Messaging;
import dev.switchback.migration.internal.MessagingMigrationSettings;
import dev.switchback.migration.internal.MessagingRouter;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MessagingRouter} over two messaging backends, wired as {@code Switchback} wires a
 * messaging migration and held in one stage ({@link FixedStage}). Owns its background thread,
 * not the two backends nor the cache of the de-duplication.
 */
final class FixedStageMessagingRouter implements AutoCloseable {
  private final FixedStage stage;
  private final MessagingRouter router;

  /**
   * A router in {@code stage} (a stage name such as {@code dualwrite}) from {@code oldMessaging},
   * backend {@code oldBackend}, to {@code newMessaging}, backend {@code newBackend}, with the
   * default messaging migration settings (handled ids remembered in this process).
   */
  FixedStageMessagingRouter(String stage, String oldBackend, Messaging oldMessaging,
      String newBackend, Messaging newMessaging) {
    this(stage, oldBackend, oldMessaging, newBackend, newMessaging,
        MessagingMigrationSettings.DEFAULTS, null);
  }

  /**
   * As above, with {@code settings} ({@code switchback.messaging.migration.dedup.*} and {@code
   * shadow-grace}); {@code cache} keeps handled ids when their store is the cache.
   */
  FixedStageMessagingRouter(String stage, String oldBackend, Messaging oldMessaging,
      String newBackend, Messaging newMessaging, MessagingMigrationSettings settings,
      @Nullable Cache cache) {
    this.stage = new FixedStage(Capability.MESSAGING, stage, oldBackend, newBackend);
    router = new MessagingRouter(this.stage.controller(), oldMessaging, newMessaging,
        this.stage.scheduler(), settings, cache);
  }

  /** The router. */
  Messaging messaging() {
    return router;
  }

  /** Closes the router (its subscriptions) and stops its thread; the two backends stay open. */
  @Override
  public void close() {
    router.closeAsync().toCompletableFuture().join();
    stage.close();
  }
}
