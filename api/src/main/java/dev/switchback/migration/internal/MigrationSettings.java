package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.migration.Stage;
import java.time.Duration;

/**
 * Settings of one capability's migration, already validated by configuration.
 *
 * @param initialStage the stage at start
 * @param canaryPercent share of keys on the live path in {@link Stage#LIVE}
 * @param shadowTimeout how long an off-path comparison read may take
 * @param mirrorTimeout how long a non-authoritative write may take before it is journaled
 * @param reconcileInterval how often the reconciler looks at the divergence journal
 * @param guard the guard's settings
 */
public record MigrationSettings(
    Stage initialStage,
    int canaryPercent,
    Duration shadowTimeout,
    Duration mirrorTimeout,
    Duration reconcileInterval,
    GuardSettings guard) {

  /** Defaults as documented for the configuration keys. */
  public static final MigrationSettings DEFAULTS =
      new MigrationSettings(
          Stage.OFF,
          100,
          Duration.ofMillis(500),
          Duration.ofSeconds(5),
          Duration.ofSeconds(1),
          GuardSettings.DEFAULTS);

  public MigrationSettings {
    requireNonNull(initialStage, "initialStage");
    requireNonNull(shadowTimeout, "shadowTimeout");
    requireNonNull(mirrorTimeout, "mirrorTimeout");
    requireNonNull(reconcileInterval, "reconcileInterval");
    requireNonNull(guard, "guard");
    if (canaryPercent < 0 || canaryPercent > 100) {
      throw new IllegalArgumentException("canaryPercent must be 0..100, got " + canaryPercent);
    }
  }

  /** A copy with another initial stage. */
  public MigrationSettings withInitialStage(Stage stage) {
    return new MigrationSettings(
        stage, canaryPercent, shadowTimeout, mirrorTimeout, reconcileInterval, guard);
  }

  /** A copy with other guard settings. */
  public MigrationSettings withGuard(GuardSettings guard) {
    return new MigrationSettings(
        initialStage, canaryPercent, shadowTimeout, mirrorTimeout, reconcileInterval, guard);
  }

  /** A copy with other timeouts. */
  public MigrationSettings withTimeouts(Duration shadow, Duration mirror, Duration reconcile) {
    return new MigrationSettings(initialStage, canaryPercent, shadow, mirror, reconcile, guard);
  }

  /**
   * The guard's settings.
   *
   * @param enabled whether the guard acts
   * @param maxErrorRate error rate of the new backend above which it trips
   * @param maxMismatchRate mismatch rate above which it trips
   * @param window the sliding window both rates are measured over
   * @param minOperations fewest operations (or comparisons) in the window before a rate counts
   * @param rollbackTo the stage it steps back to
   */
  public record GuardSettings(
      boolean enabled,
      double maxErrorRate,
      double maxMismatchRate,
      Duration window,
      int minOperations,
      Stage rollbackTo) {

    /** Defaults as documented for the configuration keys. */
    public static final GuardSettings DEFAULTS =
        new GuardSettings(true, 0.05, 0.01, Duration.ofSeconds(60), 20, Stage.DUALWRITE);

    public GuardSettings {
      requireNonNull(window, "window");
      requireNonNull(rollbackTo, "rollbackTo");
    }
  }
}
