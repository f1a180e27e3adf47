package dev.switchback.memory.migration;

import dev.switchback.Capability;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.MigrationSettings;
import dev.switchback.migration.internal.StageController;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A stage controller and scheduler for running a contract suite through a router in one stage. */
final class StagePairs implements AutoCloseable {
  final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
    Thread t = new Thread(r, "stage-pair");
    t.setDaemon(true);
    return t;
  });
  final StageController controller;

  StagePairs(Capability capability, Stage stage) {
    MigrationSettings settings = MigrationFixture.FAST.withInitialStage(stage);
    controller = new StageController(
        capability, "memory", "memory", settings, OpenTelemetry.noop(), scheduler, Clock.systemUTC());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
