package dev.switchback.benchmarks;

import dev.switchback.Capability;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.MigrationSettings;
import dev.switchback.migration.internal.MigrationSettings.GuardSettings;
import dev.switchback.migration.internal.StageController;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The stage controller of one capability's migration, wired as {@code Switchback} wires it
 * (default timeouts, canary share 100%, no telemetry SDK) and held in one stage: the guard is off,
 * so nothing a benchmark does can move it. Owns the background thread the controller and its
 * router run their timers on.
 */
final class FixedStage implements AutoCloseable {
  private static final GuardSettings GUARD_OFF =
      new GuardSettings(
          false,
          GuardSettings.DEFAULTS.maxErrorRate(),
          GuardSettings.DEFAULTS.maxMismatchRate(),
          GuardSettings.DEFAULTS.window(),
          GuardSettings.DEFAULTS.minOperations(),
          GuardSettings.DEFAULTS.rollbackTo());

  private final ScheduledExecutorService scheduler;
  private final StageController controller;

  /**
   * A controller of {@code capability} in {@code stage} (a stage name such as {@code dualwrite})
   * from backend {@code oldBackend} to backend {@code newBackend}.
   */
  FixedStage(Capability capability, String stage, String oldBackend, String newBackend) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "benchmark-migration");
              t.setDaemon(true);
              return t;
            });
    MigrationSettings settings =
        MigrationSettings.DEFAULTS.withInitialStage(Stage.parse(stage)).withGuard(GUARD_OFF);
    controller =
        new StageController(capability, oldBackend, newBackend, settings, OpenTelemetry.noop(),
            scheduler, Clock.systemUTC());
  }

  /** The controller, for a router to consult. */
  StageController controller() {
    return controller;
  }

  /** The thread a router runs its timers and reconciler on. */
  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Stops the background thread. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
