package dev.switchback.benchmarks;

import dev.switchback.Capability;
import dev.switchback.messaging.Messaging;
import dev.switchback.migration.internal.MessagingRouter;

/**
 * A {@link MessagingRouter} over two messaging backends, wired as {@code Switchback} wires a
 * messaging migration and held in one stage ({@link FixedStage}). Owns its background thread,
 * not the two backends.
 */
final class FixedStageMessagingRouter implements AutoCloseable {
  private final FixedStage stage;
  private final MessagingRouter router;

  /**
   * A router in {@code stage} (a stage name such as {@code dualwrite}) from {@code oldMessaging},
   * backend {@code oldBackend}, to {@code newMessaging}, backend {@code newBackend}.
   */
  FixedStageMessagingRouter(String stage, String oldBackend, Messaging oldMessaging,
      String newBackend, Messaging newMessaging) {
    this.stage = new FixedStage(Capability.MESSAGING, stage, oldBackend, newBackend);
    router = new MessagingRouter(
        this.stage.controller(), oldMessaging, newMessaging, this.stage.scheduler());
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
